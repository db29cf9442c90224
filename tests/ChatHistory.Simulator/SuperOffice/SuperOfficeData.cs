using ChatHistory.Simulator.Common;

namespace ChatHistory.Simulator.SuperOffice;

public sealed record SuperOfficeTopic(int Id, string Name);

public sealed record SuperOfficeAgent(int Id, string Name);

public sealed record SuperOfficePerson(int Id, string FullName, int ContactId);

/// <summary>One chat message as the WebAPI returns it (the fields of the vendor's sample).</summary>
public sealed record SuperOfficeMessage(
    int ChatMessageId, int ChatSessionId, string Type, string Message, string Author, int ReadByCustomer,
    string SpecialType, string SpecialParam, DateTimeOffset WhenPosted, bool WithoutOffset);

/// <summary>One archived chat session; its rows are rendered per request (columns, zone).</summary>
public sealed class SuperOfficeSession
{
    public required int Id { get; init; }

    public required SuperOfficeTopic Topic { get; init; }

    public SuperOfficeAgent? Agent { get; init; }

    public required SuperOfficePerson Person { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset WhenRequested { get; init; }

    public DateTimeOffset? WhenStarted { get; init; }

    public DateTimeOffset? WhenEnded { get; init; }

    public int Rating { get; init; }

    public List<SuperOfficeMessage> Messages { get; } = [];
}

/// <summary>
/// Deterministic chat sessions: ended, running, queued and missed ones across three topics. Messages
/// carry the vendor's Type (ToCustomer, ToUser, Special; Invalid in the REST sample) and SpecialType
/// values (SuperOfficeDocs trigger-scripts/includes/enum-type.md and enum-specialtype.md): customer,
/// agent, bot and system messages, links, options and a click on one, the sample's Invalid/Block, a
/// SpecialType ChatHistory does not know, and a few written as numbers. Sessions start two hours
/// apart; message ids grow across sessions.
/// </summary>
public sealed class SuperOfficeData
{
    public static readonly DateTimeOffset Epoch = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    public static readonly SuperOfficeTopic[] Topics = [new(1, "Sales"), new(2, "Support"), new(3, "Billing")];

    public static readonly SuperOfficeAgent[] Agents = [new(11, "Alice Agent"), new(12, "Bob Agent")];

    /// <summary>A SpecialType the client does not know, to show it passes through unchanged.</summary>
    public const string UnknownSpecialType = "Survey";

    /// <summary>Type: written by an agent or a bot to the customer.</summary>
    public const string ToCustomer = "ToCustomer";

    /// <summary>Type: written by the customer to the agent.</summary>
    public const string ToUser = "ToUser";

    /// <summary>Type: a system message.</summary>
    public const string Special = "Special";

    /// <summary>The options a bot offers in the Options messages (SpecialParam, a JSON array).</summary>
    public static readonly string[] BotOptions = ["Opening hours", "Talk to a person"];

    private readonly SeededIds ids;
    private int nextMessageId = 5001;

    public SuperOfficeData(SuperOfficeOptions options)
    {
        ids = new SeededIds(options.Seed);
        for (var i = 0; i < options.SessionCount; i++)
        {
            Sessions.Add(CreateSession(i, options));
        }
    }

    public List<SuperOfficeSession> Sessions { get; } = [];

    public SuperOfficeSession? Find(int sessionId) => Sessions.FirstOrDefault(s => s.Id == sessionId);

    private SuperOfficeSession CreateSession(int index, SuperOfficeOptions options)
    {
        var requested = Epoch.AddHours(2 * index).AddMinutes(index % 7);
        var (status, answered, ended) = (index % 6, index % 9, index % 4) switch
        {
            (5, _, _) => ("Missed", false, true),
            (_, 8, _) => ("Requested", false, false),
            (_, _, 3) => ("Started", true, false),
            _ => ("Ended", true, true),
        };
        var person = new SuperOfficePerson(201 + index % 9, $"Customer {index % 9}", 301 + index % 4);
        var agent = answered ? Agents[index % Agents.Length] : null;
        var session = new SuperOfficeSession
        {
            Id = 1001 + index,
            Topic = Topics[index % Topics.Length],
            Agent = agent,
            Person = person,
            Status = status,
            WhenRequested = requested,
            WhenStarted = answered ? requested.AddMinutes(1) : null,
            WhenEnded = ended ? requested.AddMinutes(answered ? 25 : 4) : null,
            Rating = answered && ended ? 1 + index % 5 : 0,
        };

        var at = requested;
        Add(session, Special, "Chat requested", "", "NewSession", "", at);
        Add(session, ToUser, ids.Sentence(), person.FullName, "None", "", at = at.AddSeconds(20));
        if (agent is not null)
        {
            var count = 1 + ids.Random.Next(Math.Max(1, options.MaxMessagesPerSession));
            for (var m = 0; m < count; m++)
            {
                at = at.AddSeconds(10 + ids.Random.Next(50));
                switch (m % 9)
                {
                    case 0:
                        Add(session, ToCustomer, $"<p>Hello, I am {agent.Name.Split(' ')[0]}. <b>How can I help?</b></p>", agent.Name, "None", "", at);
                        break;
                    case 1:
                        Add(session, ToUser, ids.Sentence(), person.FullName, "None", "", at);
                        break;
                    case 2:
                        Add(session, ToCustomer, "Here is our guide to " + ids.Sentence(1, 3), "Chatbot", "BotMessage", "", at);
                        break;
                    case 3:
                        Add(session, ToCustomer, "What can I help with?", "Chatbot", "Options", "[\"" + string.Join("\",\"", BotOptions) + "\"]", at);
                        break;
                    case 4:
                        Add(session, ToCustomer, "See the FAQ", agent.Name, "Url", "https://example.com/faq", at);
                        break;
                    case 5:
                        Add(session, "Invalid", ids.Sentence(1, 2), "Chatbot", "Block", $"block-{m}", at);
                        break;
                    case 6:
                        Add(session, ToUser, "Rated the answer", person.FullName, UnknownSpecialType, "5", at);
                        break;
                    case 7:
                        // The same enums as numbers: ToUser 2, ClickedOption 15.
                        Add(session, "2", BotOptions[0], person.FullName, "15", "0", at);
                        break;
                    default:
                        Add(session, ToCustomer, ids.Sentence(), agent.Name, "None", "", at);
                        break;
                }
            }
        }

        if (session.WhenEnded is { } end)
        {
            Add(session, Special, "Chat ended", "", answered ? "ClosedByUser" : "ClosedByIdle", "", end > at ? end : at.AddSeconds(1));
        }

        return session;
    }

    private void Add(SuperOfficeSession session, string type, string text, string author, string specialType, string specialParam, DateTimeOffset at)
    {
        var id = nextMessageId++;
        session.Messages.Add(new SuperOfficeMessage(
            id, session.Id, type, text, author, type == ToCustomer ? id % 2 : 0, specialType, specialParam, at, WithoutOffset: id % 4 == 0));
    }
}
