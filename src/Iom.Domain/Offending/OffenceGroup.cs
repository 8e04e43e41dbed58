using Iom.Domain.Wire;

namespace Iom.Domain.Offending;

/// <summary>
/// The offence types an offending record carries: the police recorded-crime groups, with neighbourhood crime (the Fixed
/// cohort's burglary, robbery, vehicle crime and theft from the person) kept apart. A closed list rather than free text,
/// so the cohort profile can count by it and a record cannot carry a description of the offence (personal data).
/// </summary>
public enum OffenceGroup
{
    [WireName("violence")] Violence,
    [WireName("sexual")] Sexual,
    [WireName("robbery")] Robbery,
    [WireName("burglary")] Burglary,
    [WireName("vehicle")] Vehicle,
    [WireName("theft-from-the-person")] TheftFromThePerson,
    [WireName("theft")] Theft,
    [WireName("criminal-damage")] CriminalDamage,
    [WireName("drugs")] Drugs,
    [WireName("weapons")] Weapons,
    [WireName("public-order")] PublicOrder,
    [WireName("fraud")] Fraud,
    [WireName("motoring")] Motoring,
    [WireName("other")] Other,
}
