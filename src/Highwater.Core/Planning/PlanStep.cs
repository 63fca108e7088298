namespace Highwater.Core.Planning;

/// <summary>One step of a plan: calls that may run in any order once the steps before are done.</summary>
/// <param name="Kind">The step.</param>
/// <param name="Calls">Its calls.</param>
public sealed record PlanStep(StepKind Kind, IReadOnlyList<PlannedCall> Calls)
{
    /// <summary>HTTP requests the step costs.</summary>
    public int Requests
    {
        get
        {
            var sum = 0;
            foreach (var call in Calls)
            {
                sum += call.Requests;
            }

            return sum;
        }
    }
}
