using System.Globalization;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Application.Outbox;
using Iom.Application.Referrals;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;

namespace Iom.Application.Panels.Meetings;

/// <summary>
/// A co-ordinator adds one meeting or a recurring series (e.g. monthly on the 2nd Tuesday). Meetings that exist
/// already are left as they are, so repeating a request is harmless. Referrals awaiting a meeting are then listed
/// for the new ones: an outbox entry committed with the meetings, relayed to the relisting queue function.
/// </summary>
public sealed class CreateMeetingsHandler(IDocumentStore documents, OutboxRelay outbox, WorkingDayCalendar calendar, TimeProvider time)
{
    // Each conflict means another request created a meeting of the series, so this many always settles it.
    private const int MaxAttempts = 4;

    public const int MaxMeetings = 24;
    public const int MaxLocationLength = 200;

    public async Task<IReadOnlyList<CreatedMeeting>> HandleAsync(PanelCode panel, CreateMeetingsRequest request, ActingAs actor, CancellationToken cancellationToken)
    {
        actor.Reach(panel, PanelDirectory.NotFound);
        var today = LondonTime.LondonDate(time.GetUtcNow());
        var (dates, startTime) = Validate(request, today);

        var location = string.IsNullOrWhiteSpace(request.Location) ? null : request.Location.Trim();
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var created = new List<CreatedMeeting>();
            var writes = new List<DocumentWrite>();
            DocumentKey? any = null;
            // Read together: one round trip however long the series. The query finds meetings moved onto these days,
            // which are keyed by the day they were first scheduled: the panel already meets then.
            var found = Task.WhenAll(dates.Select(date => documents.ReadAsync<Meeting>(Meeting.KeyOf(panel, date), cancellationToken)));
            var movedHere = MeetingsOnAsync(panel, dates, cancellationToken);
            await Task.WhenAll(found, movedHere);
            foreach (var (date, existing) in dates.Zip(found.Result))
            {
                var key = Meeting.KeyOf(panel, date);
                any = key;
                var there = existing?.Value ?? movedHere.Result.FirstOrDefault(m => m.Date == date);
                var meeting = there ?? Meeting.Schedule(panel, date, startTime, location, actor.Caller.UserId, now);
                if (there is null)
                {
                    writes.Add(DocumentWrite.Create(key.Id, meeting));
                }

                created.Add(new CreatedMeeting(meeting.Id().ToString(), meeting.Date, meeting.StartTime, meeting.Location,
                    WireNames.Of(meeting.Status), there is not null, calendar.IsBankHoliday(meeting.Date)));
            }

            // The relisting is a side effect of the new meetings, so it is committed with them, in their partition: it
            // cannot be lost after they are stored nor run without them. The relay hands it to the relisting function,
            // which is safe to repeat, so a request that adds nothing still relists (a harmless repair).
            var partitionKey = any!.Value;

            var relisting = OutboxEntry.For($"relist-{PanelDirectory.Code(panel)}-{Guid.NewGuid():N}", ReferralQueues.Relisting,
                new RelistPanelMessage(panel) { CorrelationId = actor.CorrelationId }, now);
            try
            {
                await documents.CommitAsync(partitionKey.Container, partitionKey.Partition, [.. writes, relisting.Write()], cancellationToken);
            }
            catch (DocumentConflictException) when (attempt < MaxAttempts)
            {
                // Another request created one of these meetings meanwhile: read again, and leave that one alone.
                continue;
            }

            await outbox.NudgeAsync(partitionKey.Container, partitionKey.Partition, [relisting], cancellationToken);
            return created;
        }
    }

    // The panel's meetings not cancelled whose date is one of these, by the date index: the series' span, one query.
    private async Task<IReadOnlyList<Meeting>> MeetingsOnAsync(PanelCode panel, IReadOnlyList<DateOnly> dates, CancellationToken cancellationToken)
    {
        var meetings = new List<Meeting>();
        var query = new DocumentQuery(Containers.Panels, Meeting.PartitionOf(panel))
        {
            Filters =
            [
                FieldFilter.AtLeast("date", dates.Min().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                FieldFilter.Before("date", dates.Max().AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ],
            OrderBy = "date",
            PageSize = 100,
        };
        do
        {
            var page = await documents.QueryAsync<Meeting>(query, cancellationToken);
            meetings.AddRange(page.Items.Select(m => m.Value).Where(m => m.Status == MeetingStatus.Scheduled && dates.Contains(m.Date)));
            query = query with { Continuation = page.Continuation };
        }
        while (query.Continuation is not null);

        return meetings;
    }

    private static (IReadOnlyList<DateOnly> Dates, TimeOnly StartTime) Validate(CreateMeetingsRequest request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var startTime = new TimeOnly(10, 0);
        if (request.StartTime is not null && !TimeOnly.TryParseExact(request.StartTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out startTime))
        {
            errors["startTime"] = ["Enter the start time as HH:mm, like 10:00"];
        }

        if (request.Location is { Length: > MaxLocationLength })
        {
            errors["location"] = [$"The location must be {MaxLocationLength} characters or fewer"];
        }

        var dates = new List<DateOnly>();
        if ((request.Date is null) == (request.Recurrence is null))
        {
            errors["date"] = ["Give either a date or a recurrence, not both"];
        }
        else if (request.Date is not null)
        {
            if (!DateOnly.TryParseExact(request.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors["date"] = ["The date must be a real date, written YYYY-MM-DD"];
            }
            else if (date < today)
            {
                errors["date"] = ["The date must be today or later"];
            }
            else
            {
                dates.Add(date);
            }
        }
        else
        {
            dates.AddRange(Recurring(request, today, errors));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return (dates, startTime);
    }

    private static IEnumerable<DateOnly> Recurring(CreateMeetingsRequest request, DateOnly today, Dictionary<string, string[]> errors)
    {
        var recurrence = request.Recurrence!;
        DayOfWeek weekday = default;
        if (recurrence.Weekday is null || !Enum.TryParse(recurrence.Weekday, ignoreCase: true, out weekday)
            || weekday is DayOfWeek.Saturday or DayOfWeek.Sunday || recurrence.Weekday.Any(char.IsDigit))
        {
            errors["recurrence.weekday"] = ["Select a weekday, monday to friday"];
        }

        if (recurrence.NthInMonth is not (1 or 2 or 3 or 4 or MeetingRecurrence.Last))
        {
            errors["recurrence.nthInMonth"] = ["The week of the month must be 1, 2, 3, 4, or -1 for the last"];
        }

        var from = ParseDate(request.From, "from", errors) ?? today;
        var until = ParseDate(request.Until, "until", errors);
        if (until is null && !errors.ContainsKey("until"))
        {
            errors["until"] = ["Enter the last date of the series"];
        }

        if (errors.Count > 0)
        {
            return [];
        }

        if (from < today)
        {
            from = today;
        }

        var dates = new MeetingRecurrence(weekday, recurrence.NthInMonth!.Value, new TimeOnly(10, 0)).Occurrences(from, until!.Value).ToList();
        if (dates.Count > MaxMeetings)
        {
            errors["until"] = [$"A series can create at most {MaxMeetings} meetings at once"];
        }
        else if (dates.Count == 0)
        {
            errors["until"] = ["No meeting falls between those dates"];
        }

        return dates;
    }

    private static DateOnly? ParseDate(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = ["The date must be a real date, written YYYY-MM-DD"];
        return null;
    }
}
