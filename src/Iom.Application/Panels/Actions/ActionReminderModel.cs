namespace Iom.Application.Panels.Actions;

/// <summary>
/// What an action reminder's templates may read: the panel's name, the due date, whether it has passed, and the link.
/// Never the action's description, which may name a person.
/// </summary>
/// <param name="DueDate">As written in the e-mail ("Tuesday 12 January 2027").</param>
/// <param name="Overdue">"yes" once the due date has passed, else null: the model holds strings, and a template's
/// <c>#if</c> takes any string, even "false", as true.</param>
public sealed record ActionReminderModel(string Panel, string DueDate, string? Overdue, string Link);
