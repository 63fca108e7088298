using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using Highwater.Core.Profiles;
using Highwater.Core.Scheduling;
using Highwater.Engine.Configuration;
using Highwater.Engine.Execution;

namespace Highwater.Engine.Running;

/// <summary>Everything one destination exports with: its connector, planner, executor, scheduler, and the governor of its account.</summary>
public sealed class DestinationRuntime
{
    internal DestinationRuntime(
        DestinationConfig config,
        RateGovernor governor,
        CountingCallGate gate,
        IServiceConnector connector,
        Planner planner,
        PlanExecutor executor,
        BatchScheduler scheduler,
        DestinationScope scope)
    {
        Config = config;
        Fields = new FieldLayout(config.Fields.Keys);
        Governor = governor;
        Gate = gate;
        Connector = connector;
        Planner = planner;
        Executor = executor;
        Scheduler = scheduler;
        Scope = scope;
    }

    /// <summary>The destination's name.</summary>
    public string Name => Config.Name;

    /// <summary>Its configuration.</summary>
    public DestinationConfig Config { get; }

    /// <summary>The service's names of the mapped fields, in the configuration's order: every request's fields are laid out on it.</summary>
    public FieldLayout Fields { get; }

    /// <summary>The governor of its service account (shared with every destination on the same account).</summary>
    public RateGovernor Governor { get; }

    /// <summary>Counts this destination's requests by kind.</summary>
    public CountingCallGate Gate { get; }

    /// <summary>The connector.</summary>
    public IServiceConnector Connector { get; }

    /// <summary>What the service can do.</summary>
    public ServiceCapabilities Capabilities => Connector.Capabilities;

    /// <summary>The planner.</summary>
    public Planner Planner { get; }

    /// <summary>The executor.</summary>
    public PlanExecutor Executor { get; }

    /// <summary>When batches go.</summary>
    public BatchScheduler Scheduler { get; }

    /// <summary>Which properties and groups it maps (what makes a change matter to it).</summary>
    public DestinationScope Scope { get; }

    /// <summary>The mapped lists, as adoption records them.</summary>
    internal string ListsKey => string.Join('|', Config.Lists.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
