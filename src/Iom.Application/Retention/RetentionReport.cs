namespace Iom.Application.Retention;

public sealed record RetentionReport(int Examined, int Erased);
