@{
    RootModule             = 'ChatHistory.PowerShell.dll'
    # Imported first: it lets the default context find ChatHistory.Core in the module's private context.
    NestedModules          = @('ChatHistory.Loader.dll')
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0d6f52-9c3e-4a57-a8d2-6f1e0c7b2a41'
    Author                 = 'ChatHistory contributors'
    CompanyName            = 'ChatHistory'
    Copyright              = '(c) 2026 ChatHistory contributors. MIT License (see LICENSE).'
    Description            = 'Reads help-desk live-chat history (Rocket.Chat Omnichannel, Bitrix24 Open Channels, SuperOffice Chat, Kommo Chats) as typed objects for filtering, sorting and export.'
    PowerShellVersion      = '7.4'
    CompatiblePSEditions   = @('Core')
    FormatsToProcess       = @('ChatHistory.Format.ps1xml')
    TypesToProcess         = @('ChatHistory.Types.ps1xml')
    CmdletsToExport        = @(
        'Connect-ChatProvider'
        'ConvertTo-ChatRecord'
        'Disconnect-ChatProvider'
        'Export-ChatHistory'
        'Get-ChatConnection'
        'Get-ChatMessage'
        'Get-ChatSession'
        'Save-ChatAttachment'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    # ProjectUri, LicenseUri and HelpUri are left out on purpose: the project has no public address
    # yet, and a made-up one would send users nowhere. LICENSE and CHANGELOG.md ship in the package.
    PrivateData            = @{
        PSData = @{
            Tags         = @('Chat', 'LiveChat', 'HelpDesk', 'RocketChat', 'Bitrix24', 'SuperOffice', 'Kommo', 'Export', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = 'First release: Rocket.Chat Omnichannel, Bitrix24 Open Channels, SuperOffice Chat and Kommo Chats; unattended sign-in (-FromEnvironment); ConvertTo-ChatRecord for portable CSV. See CHANGELOG.md.'
        }
    }
}
