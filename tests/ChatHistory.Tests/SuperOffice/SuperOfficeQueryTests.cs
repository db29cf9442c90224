using ChatHistory.Model;
using ChatHistory.Providers;
using ChatHistory.Providers.SuperOffice;

namespace ChatHistory.Tests.SuperOffice;

/// <summary>The OData options sent for a listing, and where a nextLink may lead.</summary>
public class SuperOfficeQueryTests
{
    [Fact]
    public void DateWindowIsWidenedByADayInTheArchiveZone()
    {
        var clock = new ArchiveClock(TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo"));
        var query = new ChatSessionQuery
        {
            // 23:30 UTC is already the next day in Oslo.
            Since = new DateTimeOffset(2026, 6, 10, 23, 30, 0, TimeSpan.Zero),
            Until = new DateTimeOffset(2026, 6, 20, 12, 0, 0, TimeSpan.Zero),
        };

        var filter = ChatSessionODataQuery.Filter(query, clock, topicByName: null, contactId: null);

        Assert.Equal("whenRequested after '2026.06.10' and whenRequested before '2026.06.21'", filter);
    }

    [Fact]
    public void StatusTopicAgentsVisitorAndContactBecomeTerms()
    {
        var query = new ChatSessionQuery { Status = ChatSessionStatus.Closed, AgentIds = ["11", "12"], VisitorId = "203" };

        var filter = ChatSessionODataQuery.Filter(query, ArchiveClock.Utc, topicByName: "Bob's topic", contactId: "302");

        Assert.Equal(
            "(status eq 'Ended' or status eq 'Missed') and (associateId eq 11 or associateId eq 12) and chatTopic/name eq 'Bob\\'s topic' and person/personId eq 203 and contactId eq 302",
            filter);
        Assert.Null(ChatSessionODataQuery.Filter(new ChatSessionQuery(), ArchiveClock.Utc, null, null));
    }

    [Fact]
    public void ListingAsksForTheModelsColumnsInOrder()
    {
        var query = ChatSessionODataQuery.Build("status eq 'Ended'", top: 50, skip: 100);
        var parameters = query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));

        Assert.Equal(string.Join(",", ChatSessionColumns.Selected), parameters["$select"]);
        Assert.Contains("chatTopic/name", parameters["$select"]);
        Assert.Equal("status eq 'Ended'", parameters["$filter"]);
        Assert.Equal("whenRequested asc,chatSessionId asc", parameters["$orderBy"]);
        Assert.Equal("50", parameters["$top"]);
        Assert.Equal("100", parameters["$skip"]);
    }

    /// <summary>
    /// Column names from the vendor's ChatSession archive provider reference (SuperOfficeDocs
    /// docs/en/api/archive-providers/reference/chatsession.md, "Supported Columns"), the part that
    /// concerns the session itself. There is no agentId: the archive answers 400 to it.
    /// </summary>
    private static readonly string[] VendorColumns =
    [
        "getAllRows", "getNoRows", "chatSessionId", "firstMessage", "lastMessage", "whenRequested", "whenStarted",
        "whenEnded", "duration", "timeInQueue", "queueLength", "rating", "agent", "status", "icon", "date", "type",
        "text", "associateId", "contactId", "personId", "updatedDate", "registeredDate", "recordTypeText",
        "chatTopic/chatTopicId", "chatTopic/name", "chatTopic/description", "chatTopic/badgeHeader",
        "associate/fullName", "associate/personId", "person/personId", "person/firstName", "person/lastName",
        "person/fullName", "person/contactId", "contact/contactId", "contact/name",
    ];

    [Fact]
    public void EverySelectedColumnIsInTheVendorsReference()
    {
        Assert.All(ChatSessionColumns.Selected, column => Assert.Contains(column, VendorColumns));
        Assert.DoesNotContain("agentId", ChatSessionColumns.Selected);
        Assert.Equal("associateId", ChatSessionColumns.AgentId);
    }

    [Fact]
    public void NextLinkMayNotLeaveTheTenantHost()
    {
        var apiBase = new Uri("https://online.superoffice.com/Cust12345/api/v1/");
        var pager = new ODataPager((_, _, _, _) => throw new InvalidOperationException("no requests here"), apiBase);
        var current = new Uri(apiBase, "ChatSession?$skip=0");

        Assert.Equal(
            "https://online.superoffice.com/Cust12345/api/v1/ChatSession?$skip=200",
            pager.Resolve(current, "https://online.superoffice.com/Cust12345/api/v1/ChatSession?$skip=200").ToString());
        Assert.Equal(
            "https://online.superoffice.com/Cust12345/api/v1/ChatSession?$skip=400",
            pager.Resolve(current, "ChatSession?$skip=400").ToString());
        var error = Assert.Throws<ChatHistoryException>(() => pager.Resolve(current, "https://collector.example.net/ChatSession?$skip=200"));
        Assert.Equal(ChatErrorKind.ProtocolError, error.Kind);
        Assert.Throws<ChatHistoryException>(() => pager.Resolve(current, "http://online.superoffice.com/Cust12345/api/v1/ChatSession"));
    }
}
