namespace WebWaka.Contracts.Platform;

public sealed record Capability(string Key, string Name);

public sealed record Suite(string Key, string Name, string Description, IReadOnlyList<Capability> Capabilities);

/// <summary>The suites a platform instance can be given, each a set of capabilities: part of the public contract.</summary>
public static class SuiteCatalog
{
    public static readonly IReadOnlyList<Suite> All =
    [
        new("commerce", "Commerce", "Sell in store and online.",
            [new("pos", "Point of sale"), new("inventory", "Inventory"), new("online-store", "Online store")]),
        new("hospitality", "Hospitality", "Run hotels, restaurants and events.",
            [new("reservations", "Reservations"), new("front-desk", "Front desk"), new("events", "Events")]),
        new("education", "Education", "Run schools and training centres.",
            [new("enrolment", "Enrolment"), new("gradebook", "Gradebook"), new("fees", "School fees")]),
        new("health", "Health", "Run clinics and pharmacies.",
            [new("patients", "Patient records"), new("appointments", "Appointments"), new("pharmacy", "Pharmacy")]),
        new("civic", "Civic", "Serve citizens and members.",
            [new("membership", "Membership"), new("dues", "Dues"), new("announcements", "Announcements")]),
        new("logistics", "Logistics", "Move goods and track deliveries.",
            [new("dispatch", "Dispatch"), new("tracking", "Tracking"), new("fleet", "Fleet")]),
    ];

    public static bool Contains(string suiteKey) => All.Any(s => s.Key == suiteKey);
}
