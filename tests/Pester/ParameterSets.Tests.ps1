#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Every way to connect, each followed by the read a user does next: one session and its messages.
# The table must name every parameter set of Connect-ChatProvider, so a new sign-in scheme cannot
# ship without being driven end to end here.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    $info = $script:Simulator.Info
    function Secure([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
    function Credential([string] $User, [string] $Password) { [pscredential]::new($User, (Secure $Password)) }
    # Runs a connect with CHATHISTORY_* variables set in this process, as a scheduled task would have them.
    function Invoke-WithEnvironment([hashtable] $Variables, [scriptblock] $Connect) {
        foreach ($name in $Variables.Keys) { [Environment]::SetEnvironmentVariable($name, $Variables[$name]) }
        try { & $Connect }
        finally { foreach ($name in $Variables.Keys) { [Environment]::SetEnvironmentVariable($name, $null) } }
    }

    $script:Connects = @{
        RocketChatToken      = { Connect-ChatProvider -RocketChat -Url $info.RocketChat.Url -UserId $info.RocketChat.UserId -AuthToken (Secure $info.RocketChat.AuthToken) -Name set -PassThru }
        RocketChatCredential = { Connect-ChatProvider -RocketChat -Url $info.RocketChat.Url -Credential (Credential $info.RocketChat.UserName $info.RocketChat.Password) -Name set -PassThru }
        Bitrix24Webhook      = { Connect-ChatProvider -Bitrix24 -WebhookUrl (Secure $info.Bitrix24.WebhookUrl) -Name set -PassThru }
        Bitrix24OAuth        = {
            Connect-ChatProvider -Bitrix24 -Url $info.Bitrix24.Url -AccessToken (Secure $info.Bitrix24.AccessToken) -RefreshToken (Secure $info.Bitrix24.RefreshToken) `
                -ClientId $info.Bitrix24.ClientId -ClientSecret (Secure $info.Bitrix24.ClientSecret) -OAuthServerUrl $info.Bitrix24.OAuthServerUrl -Name set -PassThru
        }
        SuperOfficeBasic     = { Connect-ChatProvider -SuperOffice -Url $info.SuperOffice.Url -Credential (Credential $info.SuperOffice.UserName $info.SuperOffice.Password) -Name set -PassThru }
        SuperOfficeTicket    = { Connect-ChatProvider -SuperOffice -Url $info.SuperOffice.Url -Ticket (Secure $info.SuperOffice.Ticket) -ApplicationToken (Secure $info.SuperOffice.ApplicationToken) -Name set -PassThru }
        SuperOfficeBearer    = { Connect-ChatProvider -SuperOffice -Url $info.SuperOffice.Url -AccessToken (Secure $info.SuperOffice.AccessToken) -Name set -PassThru }
        Kommo                = {
            Connect-ChatProvider -Kommo -AmojoUrl $info.Kommo.AmojoUrl -ScopeId $info.Kommo.ScopeId -ChannelSecret (Secure $info.Kommo.ChannelSecret) `
                -AccountUrl $info.Kommo.AccountUrl -AccessToken (Secure $info.Kommo.AccessToken) -Name set -PassThru
        }
        RocketChatEnvironment = {
            Invoke-WithEnvironment @{ CHATHISTORY_ROCKETCHAT_URL = $info.RocketChat.Url; CHATHISTORY_ROCKETCHAT_USERID = $info.RocketChat.UserId; CHATHISTORY_ROCKETCHAT_AUTHTOKEN = $info.RocketChat.AuthToken } {
                Connect-ChatProvider -RocketChat -FromEnvironment -Name set -PassThru
            }
        }
        Bitrix24Environment  = {
            Invoke-WithEnvironment @{ CHATHISTORY_BITRIX24_WEBHOOKURL = $info.Bitrix24.WebhookUrl } { Connect-ChatProvider -Bitrix24 -FromEnvironment -Name set -PassThru }
        }
        SuperOfficeEnvironment = {
            Invoke-WithEnvironment @{ CHATHISTORY_SUPEROFFICE_URL = $info.SuperOffice.Url; CHATHISTORY_SUPEROFFICE_ACCESSTOKEN = $info.SuperOffice.AccessToken } {
                Connect-ChatProvider -SuperOffice -FromEnvironment -Name set -PassThru
            }
        }
        KommoEnvironment     = {
            Invoke-WithEnvironment @{
                CHATHISTORY_KOMMO_SCOPEID = $info.Kommo.ScopeId; CHATHISTORY_KOMMO_CHANNELSECRET = $info.Kommo.ChannelSecret; CHATHISTORY_KOMMO_AMOJOURL = $info.Kommo.AmojoUrl
                CHATHISTORY_KOMMO_ACCOUNTURL = $info.Kommo.AccountUrl; CHATHISTORY_KOMMO_ACCESSTOKEN = $info.Kommo.AccessToken
            } { Connect-ChatProvider -Kommo -FromEnvironment -Name set -PassThru }
        }
    }
    # Kommo cannot list conversations: it reads the ids a user would give it.
    $kommoFirst = { ($info.Kommo.ConversationIds -split ',')[0] | Get-ChatSession -Connection set }
    $script:FirstSession = @{ Kommo = $kommoFirst; KommoEnvironment = $kommoFirst }
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'Connect-ChatProvider parameter sets' {
    It 'has a case here for every parameter set' {
        $sets = (Get-Command Connect-ChatProvider).ParameterSets.Name | Sort-Object
        $sets | Should -Be ($script:Connects.Keys | Sort-Object)
    }

    It 'connects with <_> and reads a session''s messages' -ForEach @(
        'RocketChatToken', 'RocketChatCredential', 'Bitrix24Webhook', 'Bitrix24OAuth',
        'SuperOfficeBasic', 'SuperOfficeTicket', 'SuperOfficeBearer', 'Kommo',
        'RocketChatEnvironment', 'Bitrix24Environment', 'SuperOfficeEnvironment', 'KommoEnvironment'
    ) {
        $connection = & $script:Connects[$_]
        try {
            $connection.Name | Should -Be 'set'
            $first = if ($script:FirstSession[$_]) { & $script:FirstSession[$_] } else { Get-ChatSession -Connection set -First 1 }
            @($first).Count | Should -Be 1
            $messages = @($first | Get-ChatMessage -ErrorAction Stop)
            $messages.Count | Should -BeGreaterThan 0
            $messages | ForEach-Object { $_.Connection | Should -Be 'set' }
        }
        finally {
            Disconnect-ChatProvider -Name set
        }
    }
}
