namespace Iom.Application.Api;

/// <summary>
/// Marks a record that is the body of an API response. Every JSON body goes out as one (<c>JsonResponse</c> takes
/// nothing else), and none is a stored document or holds one: each is mapped field by field from what is stored, so
/// renaming a stored field changes the mapping, never the API (<c>ResponseRecordTests</c> keeps it so).
/// </summary>
public interface IApiResponse;
