namespace Iom.Application.Ports.Mail;

public sealed record MailAddress(string Email, string? Name = null)
{
    /// <summary>
    /// Whether every mail adapter can send to <paramref name="email"/> as it is: printable ASCII (anything else needs
    /// SMTPUTF8), an '@', and none of the characters that need quoting in a header or could end one.
    /// </summary>
    public static bool IsPlain(string email) =>
        email.Contains('@', StringComparison.Ordinal) && !email.Any(c => c <= ' ' || c >= '\x7f' || "<>,;:\"()[]\\".Contains(c, StringComparison.Ordinal));
}
