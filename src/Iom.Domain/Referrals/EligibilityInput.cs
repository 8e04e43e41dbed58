namespace Iom.Domain.Referrals;

/// <summary>The facts about a referral that eligibility and routing depend on.</summary>
/// <param name="DateOfBirth">The person's date of birth.</param>
/// <param name="Today">The date of the decision (London date of submission); the domain never reads a clock.</param>
/// <param name="Type">What the referrer asked for.</param>
/// <param name="MappaLevel">MAPPA management level 1-3, or 0 when the person is not MAPPA-managed.</param>
/// <param name="MaracCase">Whether the case is engaged by a MARAC.</param>
/// <param name="AssetScore">The YOT Asset score, when one was given (under-18s).</param>
/// <param name="Rosh">Assessed risk of serious harm to others.</param>
public sealed record EligibilityInput(
    DateOnly DateOfBirth,
    DateOnly Today,
    ReferralType Type,
    int MappaLevel,
    bool MaracCase,
    int? AssetScore,
    RiskOfSeriousHarm Rosh);
