namespace Iom.LoadBench;

/// <summary>The fact-bearing documents the baseline read, by kind.</summary>
internal sealed record KindCounts(int Referrals, int Memberships, int Alerts, int Circulations, int Actions)
{
    public int Total => Referrals + Memberships + Alerts + Circulations + Actions;
}
