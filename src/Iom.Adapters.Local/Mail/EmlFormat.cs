using System.Globalization;
using System.Text;
using Iom.Application.Ports.Mail;

namespace Iom.Adapters.Local.Mail;

/// <summary>
/// Writes a message as RFC 5322 text with MIME (RFC 2045-2047): CRLF line ends, lines within 78 characters, non-ASCII
/// header text as UTF-8 encoded-words, bodies quoted-printable so the file stays readable in a text editor.
/// </summary>
internal static class EmlFormat
{
    private const string Crlf = "\r\n";
    private const int MaxLine = 76;

    // 39 UTF-8 bytes make 52 base64 characters, so "Subject: =?utf-8?B?...?=" stays within 78.
    private const int EncodedWordBytes = 39;

    public static byte[] Write(MailMessage message, MailAddress from, DateTimeOffset date, string messageId)
    {
        var text = new StringBuilder();
        Header(text, "From", Address(from));
        Header(text, "To", string.Join("," + Crlf + " ", message.To.Select(Address)));
        Header(text, "Subject", SubjectText(message.Subject));
        Header(text, "Date", date.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(text, "Message-ID", $"<{messageId}>");
        Header(text, "MIME-Version", "1.0");

        if (message.HtmlBody is null)
        {
            Part(text, "text/plain", message.TextBody);
        }
        else
        {
            // The boundary holds "=_", which quoted-printable output can never contain.
            var boundary = "=_alt_" + messageId.Split('@')[0];
            Header(text, "Content-Type", $"multipart/alternative;{Crlf} boundary=\"{boundary}\"");
            text.Append(Crlf);
            text.Append("--").Append(boundary).Append(Crlf);
            Part(text, "text/plain", message.TextBody);
            text.Append("--").Append(boundary).Append(Crlf);
            Part(text, "text/html", message.HtmlBody);
            text.Append("--").Append(boundary).Append("--").Append(Crlf);
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static void Header(StringBuilder text, string name, string value) =>
        text.Append(name).Append(": ").Append(value).Append(Crlf);

    private static void Part(StringBuilder text, string mediaType, string body)
    {
        Header(text, "Content-Type", $"{mediaType}; charset=utf-8");
        Header(text, "Content-Transfer-Encoding", "quoted-printable");
        text.Append(Crlf).Append(QuotedPrintable(body)).Append(Crlf);
    }

    private static string Address(MailAddress address)
    {
        // Only plain ASCII addresses: anything else would need SMTPUTF8, and a CR or LF would inject headers.
        if (!MailAddress.IsPlain(address.Email))
        {
            throw new MailDeliveryException("A recipient or sender address is not a plain e-mail address.");
        }

        if (string.IsNullOrEmpty(address.Name))
        {
            return address.Email;
        }

        var name = address.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ' || "!#$%&'*+-/^_`{|}~".Contains(c, StringComparison.Ordinal))
            ? address.Name
            : IsPrintableAscii(address.Name)
                ? "\"" + address.Name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
                : EncodedWords(address.Name);
        return $"{name} <{address.Email}>";
    }

    private static string SubjectText(string value) =>
        IsPrintableAscii(value) && !value.Contains("=?", StringComparison.Ordinal) ? Folded(value) : EncodedWords(value);

    /// <summary>Folds plain text at spaces (RFC 5322 section 2.2.3): unfolding removes only the CRLFs.</summary>
    private static string Folded(string value)
    {
        var output = new StringBuilder();
        var lineLength = "Subject: ".Length;
        var words = value.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (i > 0)
            {
                if (lineLength + 1 + words[i].Length > MaxLine)
                {
                    output.Append(Crlf);
                    lineLength = 0;
                }

                output.Append(' ');
                lineLength++;
            }

            output.Append(words[i]);
            lineLength += words[i].Length;
        }

        return output.ToString();
    }

    private static bool IsPrintableAscii(string value) => value.All(c => c is >= ' ' and < '\x7f');

    /// <summary>RFC 2047 "B" encoded-words, split between whole characters, one per folded line.</summary>
    private static string EncodedWords(string value)
    {
        var words = new List<string>();
        var chunk = new List<byte>();
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            if (chunk.Count + length > EncodedWordBytes)
            {
                words.Add(EncodedWord(chunk));
                chunk.Clear();
            }

            chunk.AddRange(buffer[..length]);
        }

        words.Add(EncodedWord(chunk));
        return string.Join(Crlf + " ", words);
    }

    private static string EncodedWord(List<byte> bytes) => $"=?utf-8?B?{Convert.ToBase64String([.. bytes])}?=";

    /// <summary>RFC 2045 section 6.7; line breaks of any kind become CRLF.</summary>
    private static string QuotedPrintable(string body)
    {
        var output = new StringBuilder();
        var lines = body.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                output.Append(Crlf);
            }

            var bytes = Encoding.UTF8.GetBytes(lines[i]);
            var lineLength = 0;
            for (var j = 0; j < bytes.Length; j++)
            {
                var b = bytes[j];
                var isLast = j == bytes.Length - 1;
                var token = (b is >= 33 and <= 126 && b != '=') || (b is (byte)' ' or (byte)'\t' && !isLast)
                    ? ((char)b).ToString()
                    : $"={b:X2}";

                // Room is kept for the "=" of a soft line break, except for the line's last token.
                if (lineLength + token.Length > (isLast ? MaxLine : MaxLine - 1))
                {
                    output.Append('=').Append(Crlf);
                    lineLength = 0;
                }

                output.Append(token);
                lineLength += token.Length;
            }
        }

        return output.ToString();
    }
}
