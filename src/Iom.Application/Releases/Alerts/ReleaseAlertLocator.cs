using Iom.Application.Ports.Documents;

namespace Iom.Application.Releases.Alerts;

/// <summary>
/// Finds an alert's partition (its person) from its id, so a link or route needs only the alert id. Written before
/// the alert is committed: a locator whose alert is not there (yet) answers 404 like none.
/// </summary>
[DocumentKind("release-alert-locator")]
public sealed record ReleaseAlertLocator(string AlertId, string PersonId);
