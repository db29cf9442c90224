@{
    RootModule             = 'ChatHistory.PowerShell.dll'
    # Imported first: it lets the default context find ChatHistory.Core in the module's private context.
    NestedModules          = @('ChatHistory.Loader.dll')
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0d6f52-9c3e-4a57-a8d2-6f1e0c7b2a41'
    Author                 = 'ChatHistory contributors'
    CompanyName            = 'ChatHistory'
    Copyright              = '(c) ChatHistory contributors. All rights reserved.'
    Description            = 'Reads help-desk live-chat history (Rocket.Chat Omnichannel, Bitrix24 Open Channels, SuperOffice Chat, Kommo Chats) as typed objects for filtering, sorting and export.'
    PowerShellVersion      = '7.4'
    CompatiblePSEditions   = @('Core')
    FormatsToProcess       = @('ChatHistory.Format.ps1xml')
    TypesToProcess         = @('ChatHistory.Types.ps1xml')
    CmdletsToExport        = @(
        'Connect-ChatProvider'
        'ConvertTo-ChatRecord'
        'Disconnect-ChatProvider'
        'Get-ChatConnection'
        'Get-ChatMessage'
        'Get-ChatSession'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('Chat', 'LiveChat', 'HelpDesk', 'RocketChat', 'Bitrix24', 'SuperOffice', 'Kommo', 'Export')
            ProjectUri = 'https://example.invalid/chathistory'
        }
    }
}
