using System.Management.Automation;

namespace ChatHistory.PowerShell.Cmdlets;

/// <summary>ChatHistoryException to ErrorRecord: stable ErrorId, category, session as target, provider text in ErrorDetails.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(ChatHistoryException error)
    {
        var category = Enum.TryParse<ErrorCategory>(ErrorCategories.NameOf(error.Kind), out var parsed) ? parsed : ErrorCategory.NotSpecified;
        var record = new ErrorRecord(error, error.ErrorId, category, error.SessionId);
        var details = error.ProviderMessage is null ? error.Message : $"{error.Message} The provider said: {error.ProviderMessage}";
        record.ErrorDetails = new ErrorDetails(details) { RecommendedAction = error.Hint };
        return record;
    }

}
