using Highwater.Cli.Commands.Shared;

namespace Highwater.Cli.Tests.Commands.Shared;

public sealed class LauncherTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hw-launcher-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Command_ToolOnThePath_IsHighwater()
    {
        var tools = Directory.CreateDirectory(Path.Combine(_folder, "tools")).FullName;
        File.WriteAllText(Path.Combine(tools, "highwater"), "");

        Assert.Equal("highwater", Launcher.Command($"/nonexistent{Path.PathSeparator}{tools}", Path.Combine(_folder, "elsewhere")));
    }

    [Fact]
    public void Command_NotOnThePath_BuildOfTheRepository_IsDotnetRunOfTheProject()
    {
        var project = Directory.CreateDirectory(Path.Combine(_folder, "my repo", "src", "Highwater.Cli")).FullName;
        File.WriteAllText(Path.Combine(project, "Highwater.Cli.csproj"), "");
        var build = Directory.CreateDirectory(Path.Combine(project, "bin", "Debug", "net10.0")).FullName;

        Assert.Equal($"dotnet run --project '{project}' --", Launcher.Command("/nonexistent", build));
    }

    [Fact]
    public void Command_NotOnThePath_AnInstalledBuild_IsDotnetWithTheAssembly()
    {
        Assert.Equal($"dotnet {_folder}/highwater.dll", Launcher.Command(null, _folder));
    }
}
