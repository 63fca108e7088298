namespace Highwater.Core.Costing;

/// <summary>How a batch's writes are shared between update, create and upsert calls.</summary>
/// <param name="UpdateById">Key-changing records sent by update.</param>
/// <param name="UpdateExisting">Other existing records sent by update.</param>
/// <param name="Create">Absent records sent by create.</param>
/// <param name="Requests">HTTP requests of the three steps together.</param>
/// <remarks>Everything not sent by update or create goes by upsert.</remarks>
public readonly record struct WriteSplit(int UpdateById, int UpdateExisting, int Create, int Requests);
