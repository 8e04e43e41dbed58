using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Identity;

namespace Iom.Functions.Tests.Fuzzing;

/// <summary>
/// Makes input number <c>index</c> of a run from the seed and the index alone, so any single input can be made again
/// without the ones before it. Each input starts as a valid request for one endpoint and gets zero to three
/// mutations: to its body (structure, types, sizes, nesting, bytes, encoding), content type, principal, method,
/// route values, query string or headers.
/// </summary>
public sealed class FuzzGenerator(int seed, IReadOnlyList<FuzzEndpoint> endpoints)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PROPFIND", "FOO"];

    // Deeper than the API accepts (32), so the server, not the client, is the one to refuse deep bodies.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 1024 };
    private static readonly JsonSerializerOptions Escaped = new() { MaxDepth = 1024 };

    private delegate void Mutation(Draft draft, Random random);

    // Weighted towards bodies: that is where most of the app's own parsing and validation is.
    private static readonly (int Weight, Mutation Apply)[] Mutations =
    [
        (6, RemoveField), (4, SetNull), (6, WrongType), (4, ExtraField), (6, HostileString), (3, EdgeNumber), (2, FlipBool),
        (2, HugeStringWithinLimit), (2, BeyondLimit), (3, DeepNesting), (2, LongArray),
        (6, RawBytes), (4, OddContentType), (7, OddPrincipal), (3, OddMethod), (5, OddRouteValue), (4, QueryJunk),
        (3, HeaderJunk), (2, Chunked), (1, AbortEarly), (2, BodyWhereNoneIsExpected), (2, ValidAgain),
    ];

    private static readonly int TotalWeight = Mutations.Sum(m => m.Weight);

    public int Seed => seed;

    public FuzzRequest Generate(int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var draft = new Draft(endpoints[random.Next(endpoints.Count)], random);
        var count = random.Next(10) switch { 0 => 0, < 6 => 1, < 9 => 2, _ => 3 };
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(TotalWeight);
            foreach (var (weight, apply) in Mutations)
            {
                if ((pick -= weight) < 0)
                {
                    apply(draft, random);
                    break;
                }
            }
        }

        return draft.Build(seed, index);
    }

    /// <summary>The principal App Service Authentication would send for a user with these roles and agency.</summary>
    public static string Principal(string[] roles, string? agency, string email = "fuzz.user@police.example") =>
        ClientPrincipal.Encode(Iom.Functions.Tests.LocalHost.DemoPeople.ObjectIdOf(email), "Fuzz User", email, agency, roles);

    // ---- body structure -------------------------------------------------------------------------------------------

    private static void RemoveField(Draft d, Random r) => d.OnJson(r, "remove", node =>
    {
        if (node.Parent is JsonObject parent)
        {
            parent.Remove(node.GetPropertyName());
        }
        else if (node.Parent is JsonArray array)
        {
            array.Remove(node);
        }
    });

    private static void SetNull(Draft d, Random r) => d.OnJson(r, "null at", node => d.Replace(node, null));

    private static void WrongType(Draft d, Random r) => d.OnJson(r, "wrong type at", node => d.Replace(node, HostileValues.WrongType(r)));

    private static void ExtraField(Draft d, Random r)
    {
        if (d.TryMutateForm(r))
        {
            return;
        }

        var objects = d.Nodes().Where(n => n is JsonObject).Cast<JsonObject>().ToList();
        if (objects.Count == 0)
        {
            d.Json = new JsonObject();
            objects.Add((JsonObject)d.Json);
        }

        var target = HostileValues.Pick(r, objects);
        var name = HostileValues.Pick(r, HostileValues.ExtraFieldNames);
        target[name] = HostileValues.WrongType(r);
        d.Note($"extra field \"{Cut(name)}\" at {target.GetPath()}");
    }

    private static void HostileString(Draft d, Random r) =>
        d.OnJson(r, "hostile string at", node => d.Replace(node, JsonValue.Create(HostileValues.Pick(r, HostileValues.Strings))), n => n.GetValueKind() == JsonValueKind.String);

    private static void EdgeNumber(Draft d, Random r) => d.OnJson(r, "edge number at", node =>
        d.Replace(node, JsonValue.Create(HostileValues.Pick(r, [0, -1, 1, 2, 3, 4, 17, 18, 24, 64, 65, 100, 101, int.MaxValue, int.MinValue]))),
        n => n.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null);

    private static void FlipBool(Draft d, Random r) => d.OnJson(r, "flipped", node =>
        d.Replace(node, JsonValue.Create(node.GetValueKind() != JsonValueKind.True)), n => n.GetValueKind() is JsonValueKind.True or JsonValueKind.False);

    // Up to 60,000 characters: within 256 KiB even when each takes four bytes in UTF-8.
    private static void HugeStringWithinLimit(Draft d, Random r) =>
        d.OnJson(r, "huge string within the limit at", node => d.Replace(node, JsonValue.Create(HostileValues.LongText(r, r.Next(1_000, 60_000)))));

    private static void BeyondLimit(Draft d, Random r)
    {
        var size = r.Next(262_145, 600_000);
        if (r.Next(2) == 0)
        {
            d.RawBody = Encoding.UTF8.GetBytes("{\"reason\":\"" + new string('x', size) + "\"}");
            d.Note($"body of {d.RawBody.Length} bytes, beyond the 256 KiB limit");
        }
        else
        {
            d.OnJson(r, "string beyond the 256 KiB limit at", node => d.Replace(node, JsonValue.Create(new string('y', size))));
        }
    }

    private static void DeepNesting(Draft d, Random r)
    {
        var depth = HostileValues.Pick(r, [8, 31, 32, 33, 64, 200, 5_000, 100_000]);
        if (depth > 200)
        {
            d.RawBody = Encoding.UTF8.GetBytes(HostileValues.DeepText(depth));
            d.Note($"body of arrays nested {depth} deep");
            return;
        }

        d.OnJson(r, $"nested {depth} deep at", node => d.Replace(node, HostileValues.Deep(r, depth)));
    }

    private static void LongArray(Draft d, Random r) => d.OnJson(r, "long array at", node =>
    {
        var count = r.Next(100, 20_000);
        var element = node is JsonArray { Count: > 0 } a ? a[0]?.DeepClone() : JsonValue.Create("burglary");
        var array = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            array.Add(element?.DeepClone());
        }

        d.Replace(node, array);
    });

    // ---- bytes, encodings, content types -------------------------------------------------------------------------

    private static void RawBytes(Draft d, Random r)
    {
        var bytes = d.BodyBytes() ?? Encoding.UTF8.GetBytes("{}");
        (byte[] Bytes, string What) result = r.Next(13) switch
        {
            0 => (bytes[..r.Next(bytes.Length + 1)], "truncated"),
            1 => (Insert(bytes, r, HostileValues.Pick(r, HostileValues.InvalidUtf8)), "invalid UTF-8 inserted"),
            2 => (InsertInString(bytes, r, HostileValues.Pick(r, HostileValues.InvalidUtf8)), "invalid UTF-8 inside a string"),
            3 => ([0xEF, 0xBB, 0xBF, .. bytes], "UTF-8 byte order mark"),
            4 => ([.. bytes, .. Encoding.UTF8.GetBytes(HostileValues.Pick(r, ["}", ",", " garbage", "\0", "{}", "\n[1]"]))], "trailing garbage"),
            5 => (Flip(bytes, r), "one byte changed"),
            6 => (Enumerable.Range(0, r.Next(1, 4096)).Select(_ => (byte)r.Next(256)).ToArray(), "random bytes"),
            7 => (Encoding.UTF8.GetBytes(HostileValues.Pick(r, ["", "null", "[]", "0", "\"\"", "{}", "true", "\"{}\"", " ", "{\"a\":1}"])), "literal body"),
            8 => (Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(bytes)), "UTF-16 body"),
            9 => (Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("{\"", "{\"person\":null,\"", StringComparison.Ordinal)), "duplicate key"),
            10 => (Encoding.UTF8.GetBytes("/* comment */" + Encoding.UTF8.GetString(bytes).Replace("]", ",]", StringComparison.Ordinal)), "comment and trailing commas"),
            11 => (Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace('"', '\'')), "single quotes"),
            _ => (Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("false", "NaN", StringComparison.Ordinal).Replace("0", "0x0", StringComparison.Ordinal)), "NaN and hex literals"),
        };
        d.RawBody = result.Bytes;
        d.Note($"bytes: {result.What}");
    }

    private static void OddContentType(Draft d, Random r)
    {
        d.ContentType = HostileValues.Pick<string?>(r,
        [
            null, "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data",
            "multipart/form-data; boundary=fuzz", "application/json; charset=utf-16", "application/json; charset=bogus",
            "APPLICATION/JSON", "application/merge-patch+json", "application/problem+json", "application/jsonx", "application/",
            ";", "*/*", "application/json, text/plain", "application/json;" + new string(';', 2000), "text/html", "application/xml",
            "application/json; boundary=\"", "application/octet-stream", "application/json\t", "image/svg+xml",
        ]);
        if (d.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true && r.Next(2) == 0)
        {
            d.RawBody = Encoding.UTF8.GetBytes(string.Join('&', Flatten(d.Json).Select(kv => $"{HostileValues.Escape(kv.Key)}={HostileValues.Escape(kv.Value)}")));
        }
        else if (d.ContentType?.StartsWith("multipart/form-data; boundary=fuzz", StringComparison.Ordinal) == true && r.Next(2) == 0)
        {
            var parts = Flatten(d.Json).Select(kv => $"--fuzz\r\nContent-Disposition: form-data; name=\"{kv.Key}\"\r\n\r\n{kv.Value}\r\n");
            d.RawBody = Encoding.UTF8.GetBytes(string.Concat(parts) + (r.Next(3) == 0 ? "" : "--fuzz--\r\n"));
        }

        d.Note($"content type {d.ContentType ?? "(none)"}");
    }

    // ---- identity ------------------------------------------------------------------------------------------------

    private static void OddPrincipal(Draft d, Random r)
    {
        var roles = Iom.Application.Identity.Roles.All;
        // In a fixed order (a set's order changes from process to process), so a replay sends the same bytes.
        var allowed = (d.Endpoint.Function.Policy?.Roles ?? new HashSet<string>()).Order(StringComparer.Ordinal).ToList();
        string? header;
        var access = Access.Refused;
        var what = "principal: ";
        switch (r.Next(20))
        {
            case 0:
                header = null;
                what += "none";
                break;
            case 1:
                header = HostileValues.Pick(r, ["", " ", "!!!", "e30=", "bnVsbA==", "W10=", "=", "Zm9v", "eyJjbGFpbXMiOm51bGx9"]);
                what += $"\"{header}\"";
                break;
            case 2:
                header = Convert.ToBase64String(HostileValues.Pick(r, HostileValues.InvalidUtf8));
                what += "base64 of invalid UTF-8";
                break;
            case 3:
                header = Convert.ToBase64String(Encoding.UTF8.GetBytes(HostileValues.Pick(r,
                [
                    "{\"claims\":[null]}", "{\"claims\":[{\"typ\":1,\"val\":2}]}", "{\"claims\":[{\"typ\":\"roles\"}]}",
                    "{\"claims\":[{\"typ\":\"roles\",\"val\":\"iom.coordinator\"}]}", "{\"claims\":{}}", "{\"claims\":[],\"role_typ\":null}",
                    "{\"claims\":[{\"typ\":\"oid\",\"val\":\"\"}]}", "{\"auth_typ\":{\"a\":1},\"claims\":[]}", "[1,2,3]", "\"x\"",
                    HostileValues.DeepText(5_000), "{\"claims\":[{\"typ\":\"oid\",\"val\":\"x\"}],\"claims\":null}",
                ])));
                what += "base64 JSON that is not a principal";
                break;
            case 4:
                header = "a" + new string('A', r.Next(16 * 1024, 20 * 1024));
                what += "over 16 KiB";
                break;
            case 5:
                header = Principal([HostileValues.Pick(r, roles.Where(role => !allowed.Contains(role)).DefaultIfEmpty("iom.nobody").ToList())], "police");
                what += "a role the endpoint does not allow";
                break;
            case 6:
                header = Principal([], "police");
                what += "no roles";
                break;
            case 7:
                header = Principal([.. allowed.Select(a => a.ToUpperInvariant())], "police");
                what += "allowed roles in upper case";
                break;
            case 8:
                header = ClientPrincipal.Encode("", null, null, "police", allowed);
                what += "no user id";
                break;
            case 9:
                header = Principal([.. allowed], HostileValues.Pick<string?>(r, [null, "", "POLICE", "probation", "yot", "../police", HostileValues.Pick(r, HostileValues.Strings)]));
                access = d.Endpoint.Function.Policy is { Anonymous: false, Roles.Count: > 0 } ? Access.Allowed : Access.Unknown;
                what += "allowed roles, odd agency";
                break;
            case 10:
                header = Principal([.. roles], "police", HostileValues.Pick(r, ["ppo.police@richmond-iom.example", "sgt.snt@richmond-iom.example", "x@y", "<script>@x.y"]));
                access = Access.Allowed;
                what += "every role";
                break;
            case 11:
                header = Principal([.. allowed], "police");
                d.ExtraHeaders.Add(new(ClientPrincipal.HeaderName, Principal(["iom.auditor"], "probation")));
                access = Access.Unknown;
                what += "sent twice";
                break;
            case 12:
                header = Principal([.. allowed], "police").TrimEnd('=');
                access = Access.Unknown;
                what += "base64 without padding";
                break;
            case 13:
                header = Principal([.. allowed], "police").Replace('+', '-').Replace('/', '_');
                access = Access.Unknown;
                what += "base64url";
                break;
            case 14:
                header = "  " + Principal([.. allowed], "police") + "\t";
                access = Access.Unknown;
                what += "padded with white space";
                break;
            case 15:
                header = Convert.ToBase64String(Encoding.UTF8.GetBytes(
                    $"{{\"auth_typ\":\"aad\",\"claims\":[{{\"typ\":\"oid\",\"val\":\"x\"}},{{\"typ\":\"http://schemas.microsoft.com/ws/2008/06/identity/claims/role\",\"val\":\"{allowed.FirstOrDefault()}\"}}],\"role_typ\":\"http://schemas.microsoft.com/ws/2008/06/identity/claims/role\"}}"));
                access = Access.Unknown;
                what += "roles under a custom role claim type";
                break;
            case 16:
                header = Principal([.. allowed, .. Enumerable.Range(0, 2000).Select(i => $"role-{i}")], "police");
                access = Access.Unknown;
                what += "thousands of roles";
                break;
            case 17:
                header = "Bearer " + Principal([.. allowed], "police");
                what += "with a Bearer prefix";
                break;
            case 18:
                header = new string('A', 40 * 1024);
                access = Access.Unknown;
                what += "over the server's header size limit";
                break;
            default:
                header = Principal([.. allowed], "police").Insert(r.Next(10), HostileValues.Pick(r, ["%", "*", "\u00e9"]));
                access = Access.Unknown;
                what += "a stray character";
                break;
        }

        d.Principal = header;
        d.Access = d.Endpoint.Function.Policy?.Anonymous == true ? Access.Allowed : access;
        d.Note(what);
    }

    // ---- request line ---------------------------------------------------------------------------------------------

    private static void OddMethod(Draft d, Random r)
    {
        d.Method = HostileValues.Pick(r, Methods.Where(m => !d.Endpoint.Function.Verbs.Contains(m)).ToList());
        d.Note($"method {d.Method}");
    }

    private static void OddRouteValue(Draft d, Random r)
    {
        if (d.RouteValues.Count > 0 && r.Next(4) != 0)
        {
            var name = HostileValues.Pick(r, d.RouteValues.Keys.ToList());
            d.RouteValues[name] = r.Next(5) == 0 ? FuzzEndpoints.KnownReferral(r) + HostileValues.Pick(r, ["%00", "%2F..", "/", "%20", ".json", "A"]) : HostileValues.RouteValue(r);
            d.Note($"route value {name} = {Cut(d.RouteValues[name])}");
            LeavesTheEndpoint(d, d.RouteValues[name]);
        }
        else
        {
            d.PathSuffix = HostileValues.Pick(r, ["/", "//", "/x", "/..", "/%2e%2e/%2e%2e/health", "%00", ";a=b", "/" + new string('z', 3000), ".json", "/./"]);
            d.Note($"path suffix {Cut(d.PathSuffix)}");
            LeavesTheEndpoint(d, d.PathSuffix);
        }
    }

    // Dot segments are resolved by the server, so the request may reach another endpoint (even an anonymous one):
    // whether its principal may call that one is not this endpoint's policy to say.
    private static void LeavesTheEndpoint(Draft d, string pathPart)
    {
        d.MayLeaveEndpoint |= pathPart.Contains("..", StringComparison.Ordinal) || pathPart.Contains("%2e", StringComparison.OrdinalIgnoreCase);
    }

    private static void QueryJunk(Draft d, Random r)
    {
        d.RawQuery = HostileValues.Pick(r,
        [
            "a=1&a=2", "%zz=1", "panel=%00", "panel=iom&panel=asb", "panel[]=iom", "page=-1", "pageSize=1000000000000",
            "page=1e3", "page=%EF%BC%91", "status=LISTED", "meeting=2027-02-30", "=&&=&", "%", "panel=" + new string('a', 5000),
            "panel=iom%26status%3Dlisted", "v=%FF%FE", "x=" + HostileValues.Escape(HostileValues.Pick(r, HostileValues.Strings)),
            string.Join('&', Enumerable.Range(0, 500).Select(i => $"k{i}=v")), "panel=iom&pageSize=0", "panel=strategic-group&page=99999",
        ]);
        d.Note($"query {Cut(d.RawQuery)}");
    }

    private static void HeaderJunk(Draft d, Random r)
    {
        var (name, value) = HostileValues.Pick<(string, string)>(r,
        [
            ("X-Correlation-Id", new string('c', 65)), ("X-Correlation-Id", "../../etc"), ("X-Correlation-Id", "a b"), ("X-Correlation-Id", "ok-id_1.2"),
            ("Accept", "text/html"), ("Accept", "application/xml"), ("Accept", "*/*;q=0"), ("If-None-Match", "*"), ("If-None-Match", "\"x\", W/\"y\""),
            ("Content-Encoding", "gzip"), ("Accept-Charset", "utf-16"), ("Cookie", "iom-dev-principal=!!!"), ("Cookie", new string('c', 3000)),
            ("X-Forwarded-For", "127.0.0.1, 10.0.0.1"), ("X-HTTP-Method-Override", "DELETE"), ("Range", "bytes=0-1"), ("Expect", "100-continue"),
        ]);
        d.ExtraHeaders.Add(new(name, value));
        d.Note($"header {name}: {Cut(value)}");
    }

    private static void Chunked(Draft d, Random r)
    {
        d.RawBody ??= d.BodyBytes() ?? Encoding.UTF8.GetBytes("{}");
        if (r.Next(2) == 0)
        {
            d.RawBody = [.. d.RawBody, .. Enumerable.Repeat((byte)' ', 270_000)];
            d.Note("chunked body beyond the limit");
        }
        else
        {
            d.Note("chunked body");
        }

        d.Chunked = true;
    }

    private static void AbortEarly(Draft d, Random r)
    {
        d.Abort = true;
        d.Note("client abandons the request");
    }

    private static void BodyWhereNoneIsExpected(Draft d, Random r)
    {
        d.ContentType ??= "application/json";
        d.RawBody = r.Next(2) == 0 ? Encoding.UTF8.GetBytes("{\"extra\":true}") : new byte[r.Next(262_145, 300_000)];
        d.Note($"a {d.RawBody.Length}-byte body");
    }

    private static void ValidAgain(Draft d, Random r)
    {
        if (d.Endpoint.Seed.Json is { } json)
        {
            d.Json = json(r);
            d.RawBody = null;
            d.Note("fresh valid body");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static byte[] Insert(byte[] bytes, Random r, byte[] inserted)
    {
        var at = r.Next(bytes.Length + 1);
        return [.. bytes[..at], .. inserted, .. bytes[at..]];
    }

    private static byte[] InsertInString(byte[] bytes, Random r, byte[] inserted)
    {
        var quotes = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == (byte)'"').ToList();
        if (quotes.Count == 0)
        {
            return Insert(bytes, r, inserted);
        }

        var at = HostileValues.Pick(r, quotes) + 1;
        return [.. bytes[..at], .. inserted, .. bytes[at..]];
    }

    private static byte[] Flip(byte[] bytes, Random r)
    {
        if (bytes.Length == 0)
        {
            return [(byte)r.Next(256)];
        }

        var copy = (byte[])bytes.Clone();
        copy[r.Next(copy.Length)] = (byte)r.Next(256);
        return copy;
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(JsonNode? node, string prefix = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    foreach (var pair in Flatten(value, prefix.Length == 0 ? key : $"{prefix}.{key}"))
                    {
                        yield return pair;
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    foreach (var pair in Flatten(item, prefix))
                    {
                        yield return pair;
                    }
                }

                break;
            default:
                yield return new(prefix, node?.ToString() ?? "");
                break;
        }
    }

    private static string Cut(string text) => text.Length <= 60 ? text : $"{text[..60]}…({text.Length})";

    /// <summary>A request being built: valid to start with, then mutated.</summary>
    private sealed class Draft
    {
        private const string Boundary = "fuzzboundary";
        private readonly List<string> notes = [];

        public Draft(FuzzEndpoint endpoint, Random random)
        {
            Endpoint = endpoint;
            var seed = endpoint.Seed;
            var function = endpoint.Function;
            Method = HostileValues.Pick(random, function.Verbs);
            foreach (var name in endpoint.RouteParameters)
            {
                RouteValues[name] = seed.RouteValues?.GetValueOrDefault(name) is { } value ? Escape(value(random)) : HostileValues.RouteValue(random);
            }

            Query = seed.Query?.Invoke(random).ToList() ?? [];
            ExtraHeaders.AddRange(seed.Headers?.Invoke(random) ?? []);
            switch (seed.Body)
            {
                case BodyKind.Json:
                    Json = seed.Json!(random);
                    ContentType = HostileValues.Pick(random, ["application/json", "application/json; charset=utf-8", "application/vnd.iom+json"]);
                    break;
                case BodyKind.Form:
                    Form = seed.Form!(random).ToList();
                    Multipart = random.Next(5) == 0;
                    ContentType = Multipart ? $"multipart/form-data; boundary={Boundary}" : "application/x-www-form-urlencoded";
                    break;
                case BodyKind.None when !function.Verbs.Contains("GET"):
                    Json = new JsonObject();
                    ContentType = "application/json";
                    break;
            }

            if (function.Policy is { Anonymous: true })
            {
                Access = Access.Allowed;
            }
            else if (function.Policy is { Roles.Count: > 0 } policy)
            {
                var role = HostileValues.Pick(random, policy.Roles.Order(StringComparer.Ordinal).ToList());
                var email = role == Iom.Application.Identity.Roles.PanelMember && random.Next(2) == 0 ? "ppo.police@richmond-iom.example" : "fuzz.user@police.example";
                Principal = FuzzGenerator.Principal([role], random.Next(4) == 0 ? HostileValues.Pick(random, FuzzEndpoints.Agencies) : "police", email);
                Access = Access.Allowed;
            }
            else
            {
                Access = Access.Refused; // no policy: served to nobody
            }
        }

        public FuzzEndpoint Endpoint { get; }
        public string Method { get; set; }
        public Dictionary<string, string> RouteValues { get; } = new(StringComparer.Ordinal);
        public string PathSuffix { get; set; } = "";
        public List<KeyValuePair<string, string>> Query { get; }
        public string? RawQuery { get; set; }
        public string? Principal { get; set; }
        public Access Access { get; set; }
        public bool MayLeaveEndpoint { get; set; }
        public List<KeyValuePair<string, string>> ExtraHeaders { get; } = [];
        public JsonNode? Json { get; set; }
        public List<KeyValuePair<string, string>>? Form { get; }
        public bool Multipart { get; }
        public byte[]? RawBody { get; set; }
        public string? ContentType { get; set; }
        public bool Chunked { get; set; }
        public bool Abort { get; set; }

        public void Note(string what) => notes.Add(what);

        /// <summary>Every node of the JSON body, the root last (so a mutation prefers the fields).</summary>
        public List<JsonNode> Nodes()
        {
            var nodes = new List<JsonNode>();
            void Walk(JsonNode? node)
            {
                switch (node)
                {
                    case JsonObject o:
                        foreach (var (_, child) in o.ToList())
                        {
                            Walk(child);
                        }

                        break;
                    case JsonArray a:
                        foreach (var child in a.ToList())
                        {
                            Walk(child);
                        }

                        break;
                }

                if (node is not null)
                {
                    nodes.Add(node);
                }
            }

            Walk(Json);
            return nodes;
        }

        /// <summary>Changes one node of the JSON body (made an object first if there is none); a form gets a form mutation.</summary>
        public void OnJson(Random random, string what, Action<JsonNode> change, Func<JsonNode, bool>? where = null)
        {
            if (TryMutateForm(random))
            {
                return;
            }

            // A body already turned into bytes starts again from a structure, so the mutation lands somewhere.
            RawBody = null;

            Json ??= new JsonObject();
            var candidates = Nodes().Where(n => where?.Invoke(n) ?? true).ToList();
            var target = candidates.Count > 0 ? HostileValues.Pick(random, candidates) : Json;
            var path = target.GetPath();
            change(target);
            Note($"{what} {path}");
        }

        /// <summary>
        /// For a form, the counterpart of the JSON mutations (a field missing, empty, hostile, repeated, extra, huge or
        /// odd); false for any other body.
        /// </summary>
        public bool TryMutateForm(Random random)
        {
            if (Form is null)
            {
                return false;
            }

            RawBody = null;
            if (Form.Count == 0)
            {
                return true;
            }

            var i = random.Next(Form.Count);
            var name = Form[i].Key;
            var hostile = HostileValues.Pick(random, HostileValues.Strings);
            var what = random.Next(7) switch
            {
                0 => Do(() => Form.RemoveAt(i), "removed"),
                1 => Do(() => Form[i] = new(name, ""), "emptied"),
                2 => Do(() => Form[i] = new(name, hostile), "hostile value in"),
                3 => Do(() => Form.Add(new(name, hostile)), "repeated"),
                4 => Do(() => Form.Add(new(HostileValues.Pick(random, HostileValues.ExtraFieldNames), hostile)), "extra field beside"),
                5 => Do(() => Form[i] = new(name, HostileValues.LongText(random, random.Next(1_000, 60_000))), "huge value in"),
                _ => Do(() => Form[i] = new(name, HostileValues.Pick(random, ["-1", "1e3", "99999999999", "2147483648", "0x10", "\uFF13", "1.5", "yes", "YES", "on"])), "odd value in"),
            };
            Note($"form: {what} {name}");
            return true;

            static string Do(Action change, string what)
            {
                change();
                return what;
            }
        }

        /// <summary>Puts <paramref name="replacement"/> where <paramref name="node"/> is (the whole body for the root).</summary>
        public void Replace(JsonNode node, JsonNode? replacement)
        {
            switch (node.Parent)
            {
                case JsonObject parent:
                    parent[node.GetPropertyName()] = replacement;
                    break;
                case JsonArray array:
                    array[node.GetElementIndex()] = replacement;
                    break;
                default:
                    Json = replacement;
                    if (replacement is null)
                    {
                        RawBody = "null"u8.ToArray();
                    }

                    break;
            }
        }

        // Placeholders stay as they are, for the runner to find.
        private static string Escape(string value) => FuzzEndpoints.IsPlaceholder(value) ? value : HostileValues.Escape(value);

        public byte[]? BodyBytes()
        {
            if (RawBody is not null)
            {
                return RawBody;
            }

            if (Form is not null)
            {
                return Encoding.UTF8.GetBytes(Multipart
                    ? string.Concat(Form.Select(kv => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{kv.Key}\"\r\n\r\n{kv.Value}\r\n")) + $"--{Boundary}--\r\n"
                    : string.Join('&', Form.Select(kv => $"{HostileValues.Escape(kv.Key)}={HostileValues.Escape(kv.Value)}")));
            }

            if (Json is null)
            {
                return null;
            }

            try
            {
                // Relaxed escaping sends non-ASCII as raw UTF-8, as most clients do.
                return Encoding.UTF8.GetBytes(Json.ToJsonString(Relaxed));
            }
            catch (ArgumentException)
            {
                // A lone surrogate cannot be written unescaped; the default encoder writes it as \uXXXX.
                return Encoding.UTF8.GetBytes(Json.ToJsonString(Escaped));
            }
        }

        public FuzzRequest Build(int seed, int index)
        {
            var path = Endpoint.Path(name => RouteValues[name]) + PathSuffix;
            var query = RawQuery ?? string.Join('&', Query.Select(kv => $"{HostileValues.Escape(kv.Key)}={Escape(kv.Value)}"));
            var headers = new List<KeyValuePair<string, string>>();
            if (Principal is not null)
            {
                headers.Add(new(ClientPrincipal.HeaderName, Principal));
            }

            headers.AddRange(ExtraHeaders);
            var body = BodyBytes();
            return new FuzzRequest(seed, index, Endpoint.Name, Method, query.Length == 0 ? path : $"{path}?{query}", headers,
                ContentType, body, Chunked && body is not null, Abort, MayLeaveEndpoint ? Access.Unknown : Access, notes.ToList());
        }
    }
}
