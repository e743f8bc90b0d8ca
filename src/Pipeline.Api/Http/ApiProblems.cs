using Microsoft.AspNetCore.Http;

namespace Pipeline.Api.Http;

/// <summary>
/// The ProblemDetails responses of the API: 400 for a bad value, 401 for an unidentified caller, 403 for one that may
/// not, 404 for no data, 409 for a state conflict (503 for a storage outage is <see cref="StorageUnavailable"/>'s).
/// </summary>
public static class ApiProblems
{
    public static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request value");

    public static IResult Unauthorized(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static IResult Forbidden(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Conflict(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
