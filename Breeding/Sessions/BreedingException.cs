namespace Coevo.Breeding.Sessions;

/// <summary>A request the breeder cannot serve, with the HTTP status that says why (404 unknown id, 409 conflict).</summary>
public sealed class BreedingException(int status, string message) : Exception(message)
{
    /// <summary>The HTTP status code.</summary>
    public int Status { get; } = status;

    /// <summary>Something named by the request does not exist (404).</summary>
    public static BreedingException NotFound(string message) => new(404, message);

    /// <summary>The request clashes with the session's state (409).</summary>
    public static BreedingException Conflict(string message) => new(409, message);
}
