#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Bitrix24 Open Channels through the cmdlets, against the standalone simulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    $script:B24 = $script:Simulator.Info.Bitrix24
    $script:Webhook = ConvertTo-SecureString $script:B24.WebhookUrl -AsPlainText -Force
    # The last segment of rest/{user id}/{secret}/ is the webhook's secret.
    $script:WebhookSecret = ($script:B24.WebhookUrl.TrimEnd('/') -split '/')[-1]
    $script:AccessToken = ConvertTo-SecureString $script:B24.AccessToken -AsPlainText -Force
    $script:RefreshToken = ConvertTo-SecureString $script:B24.RefreshToken -AsPlainText -Force
    $script:ClientSecret = ConvertTo-SecureString $script:B24.ClientSecret -AsPlainText -Force
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'Connect-ChatProvider -Bitrix24' {
    It 'connects through the incoming webhook and returns the connection with -PassThru' {
        $connection = Connect-ChatProvider -Bitrix24 -WebhookUrl $script:Webhook -Name b24-hook -PassThru
        $connection.Name | Should -Be 'b24-hook'
        $connection.Provider | Should -Be 'Bitrix24'
        $connection.Endpoint | Should -Be $script:B24.Url
        $connection.Account | Should -Be 'Vladimir Loginov'
        (Get-ChatConnection -Current).Name | Should -Be 'b24-hook'
        ($connection | ConvertTo-Json -Depth 3) | Should -Not -Match ([regex]::Escape($script:WebhookSecret))
        Disconnect-ChatProvider -Name b24-hook
    }

    It 'connects as an OAuth application with the portal URL and an access token' {
        $connection = Connect-ChatProvider -Bitrix24 -Url $script:B24.Url -AccessToken $script:AccessToken -Name b24-token -PassThru
        $connection.Provider | Should -Be 'Bitrix24'
        $connection.Account | Should -Be 'Vladimir Loginov'
        Disconnect-ChatProvider -Name b24-token
    }

    It 'fails with ChatHistory.AuthenticationFailed for a wrong webhook secret, without showing it' {
        $wrong = ConvertTo-SecureString ($script:B24.Url + 'rest/1/canary-wrong-webhook-7713/') -AsPlainText -Force
        $failure = $null
        try {
            Connect-ChatProvider -Bitrix24 -WebhookUrl $wrong -Name bad -ErrorAction Stop
        }
        catch {
            $failure = $_
        }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.AuthenticationFailed*'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.ErrorDetails.Message | Should -Match 'INVALID_CREDENTIALS'
        ($failure | Out-String) | Should -Not -Match 'canary-wrong-webhook-7713'
    }

    It 'refuses a webhook URL that is not rest/{user id}/{secret}/, without echoing it' {
        $malformed = ConvertTo-SecureString 'https://mycompany.bitrix24.com/canary-not-a-webhook/' -AsPlainText -Force
        $failure = $null
        try {
            Connect-ChatProvider -Bitrix24 -WebhookUrl $malformed -ErrorAction Stop
        }
        catch {
            $failure = $_
        }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.InvalidArgument*'
        ($failure | Out-String) | Should -Not -Match 'canary-not-a-webhook'
    }

    It 'refuses http:// for a portal that is not loopback' {
        { Connect-ChatProvider -Bitrix24 -Url 'http://mycompany.bitrix24.com' -AccessToken $script:AccessToken -ErrorAction Stop } |
            Should -Throw -ErrorId 'ChatHistory.InvalidArgument*'
    }

    It 'refuses a refresh token without the client id and secret' {
        { Connect-ChatProvider -Bitrix24 -Url $script:B24.Url -AccessToken $script:AccessToken -RefreshToken $script:RefreshToken -ErrorAction Stop } |
            Should -Throw -ErrorId 'ChatHistory.InvalidArgument*'
    }
}

Describe 'Get-ChatSession | Get-ChatMessage for Bitrix24' {
    BeforeAll {
        Connect-ChatProvider -Bitrix24 -WebhookUrl $script:Webhook -Name b24
    }

    It 'pipes sessions to messages to CSV and reads them back' {
        $csv = Join-Path $TestDrive 'bitrix24.csv'
        $sessions = Get-ChatSession -Connection b24
        $messages = $sessions | Get-ChatMessage
        $messages | Export-Csv -Path $csv -NoTypeInformation
        $rows = Import-Csv $csv
        @($sessions).Count | Should -Be 130
        $rows.Count | Should -Be $messages.Count
        $rows.Count | Should -BeGreaterThan 1000
        @($rows.SessionId | Sort-Object -Unique).Count | Should -Be 130
        $rows | ForEach-Object { $_.Provider | Should -Be 'Bitrix24' }
        $rows.AuthorRole | Sort-Object -Unique | Should -Be @('Agent', 'Bot', 'System', 'Visitor')
        $kinds = $rows.Kind | Sort-Object -Unique
        foreach ($kind in 'Text', 'Image', 'Event') {
            $kinds | Should -Contain $kind
        }
        ($rows | Where-Object Kind -eq 'Image' | Select-Object -First 1).AttachmentUrls | Should -Match '^http://127\.0\.0\.1:\d+/bitrix24/bitrix/services/'
        ($rows | Where-Object AuthorRole -eq 'Agent' | Select-Object -First 1).Text | Should -Match '^Guest, see our FAQ \(https://example\.com/faq\)$'
    }

    It 'gives each message its own JSON as Raw, in ConvertTo-Json and ConvertTo-ChatRecord -IncludeRaw' {
        $messages = @(Get-ChatSession -Connection b24 | Get-ChatMessage)
        $withFile = $messages | Where-Object AttachmentCount -gt 0 | Select-Object -First 1
        $messages.Count | Should -BeGreaterThan 1000
        # A file message's text is empty, and so is its ToString(): test its id, not the object.
        $withFile.MessageId | Should -Not -BeNullOrEmpty
        foreach ($message in $messages | Select-Object -First 200) {
            ($message.Raw | ConvertFrom-Json).id | Should -Be $message.MessageId
        }
        ($withFile.Raw | ConvertFrom-Json).params.fileId | Should -Not -BeNullOrEmpty
        ($withFile | ConvertTo-Json -Depth 4 | ConvertFrom-Json).Raw | Should -Be $withFile.Raw
        ($withFile | ConvertTo-ChatRecord -IncludeRaw).Raw | Should -Be $withFile.Raw
    }

    It 'keeps each session''s messages oldest first' {
        $messages = Get-ChatSession -Connection b24 -First 10 | Get-ChatMessage
        foreach ($group in $messages | Group-Object SessionId) {
            $ids = $group.Group | ForEach-Object { [long]$_.MessageId }
            $ids | Should -Be ($ids | Sort-Object)
        }
    }

    It 'reads 130 sessions in three batches, in the listing''s order, at any -ThrottleLimit' -ForEach @(
        @{ Limit = 1 }, @{ Limit = 4 }
    ) {
        # The batches run up to -ThrottleLimit at once (MessageFetcher), and the output keeps the input order.
        $sessions = @(Get-ChatSession -Connection b24)
        $before = Get-SimulatorRequestCount -Simulator $script:Simulator -PathPrefix '/bitrix24/rest/1/'
        $messages = $sessions | Get-ChatMessage -ThrottleLimit $Limit
        $batches = (Get-SimulatorRequestCount -Simulator $script:Simulator -PathPrefix '/bitrix24/rest/1/') - $before
        $batches | Should -Be 3
        $order = @($messages.SessionId | Select-Object -Unique)
        $order | Should -Be @($sessions.SessionId | Where-Object { $_ -in $order })
        $order.Count | Should -BeGreaterThan 100
    }

    It 'filters sessions by open line, status and time' {
        $line2 = Get-ChatSession -Connection b24 -OpenLine 2
        @($line2).Count | Should -BeGreaterThan 0
        $line2 | ForEach-Object { $_.Channel | Should -Be '2' }

        # A chat has one session at a time: of the 130 sessions, every fifth of the last 50 is open.
        $open = Get-ChatSession -Connection b24 -Status Open
        @($open).Count | Should -Be 10
        $open | ForEach-Object { $_.EndedAt | Should -BeNullOrEmpty }

        $since = [datetime]::new(2026, 3, 3, 13, 0, 0, [DateTimeKind]::Utc)
        $window = Get-ChatSession -Connection b24 -Since $since -Until $since.AddHours(30)
        $window.SessionId | Should -Be (510..519 | ForEach-Object { "$_" })
    }

    It 'resolves one dialog from -ChatId, -DialogId, -UserCode and -SessionId' {
        $byChat = Get-ChatSession -Connection b24 -ChatId 2004
        $byChat.ChatId | Should -Be '2004'
        $byChat.Status | Should -Be 'Open'
        (Get-ChatSession -Connection b24 -DialogId chat2004).SessionId | Should -Be $byChat.SessionId
        $userCode = ($byChat.Raw | ConvertFrom-Json).entity_id
        (Get-ChatSession -Connection b24 -UserCode $userCode).SessionId | Should -Be $byChat.SessionId
        (Get-ChatSession -Connection b24 -SessionId 503).ChatId | Should -Be '2003'
        $byChat | Get-ChatMessage | Should -Not -BeNullOrEmpty
    }

    It 'names a chat that is not an open line with ChatHistory.InvalidArgument' {
        { Get-ChatSession -Connection b24 -ChatId 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ChatHistory.InvalidArgument*'
    }

    # imopenlines.dialog.get answers 400 ACCESS_ERROR for a chat that does not exist or that the user may not
    # open (b24-rest-docs api-reference/imopenlines/openlines/sessions/imopenlines-dialog-get.md).
    It 'turns dialog.get''s ACCESS_ERROR into ChatHistory.NotFound with a hint' {
        $failure = $null
        try {
            Get-ChatSession -Connection b24 -ChatId 987654 -ErrorAction Stop
        }
        catch {
            $failure = $_
        }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.NotFound*'
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure.ErrorDetails.Message | Should -Match 'ACCESS_ERROR'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'may not see'

        $bySession = $null
        try {
            Get-ChatSession -Connection b24 -SessionId 987654 -ErrorAction Stop
        }
        catch {
            $bySession = $_
        }
        $bySession.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.NotFound*'
        $bySession.TargetObject | Should -Be '987654'
        $bySession.ErrorDetails.Message | Should -Match 'ACCESS_ERROR'
    }

    # params keys are camelCase in the vendor's history sample (connectorMid, componentId): params.fileId;
    # files spell urlDownload or urldownload (imopenlines-session-history-get.md).
    It 'carries the files that messages name, whichever spelling the portal uses' {
        $images = @(Get-ChatSession -Connection b24 -First 30 | Get-ChatMessage | Where-Object Kind -eq 'Image')
        $images.Count | Should -BeGreaterThan 3
        $images | ForEach-Object {
            $_.AttachmentCount | Should -Be 1
            $_.AttachmentUrls | Should -Match '^http://127\.0\.0\.1:\d+/bitrix24/bitrix/services/main/ajax\.php\?action=disk\.api\.file\.download&fileId=\d+$'
        }
        # Both spellings occur: the simulator writes odd file ids lower-case.
        $ids = $images.AttachmentUrls | ForEach-Object { [int]($_ -replace '.*fileId=', '') }
        @($ids | Where-Object { $_ % 2 }).Count | Should -BeGreaterThan 0
        @($ids | Where-Object { -not ($_ % 2) }).Count | Should -BeGreaterThan 0
    }

    It 'writes a non-terminating ChatHistory.NotFound for an unknown session and reads the others' {
        $messages = Get-ChatMessage -Connection b24 -SessionId 500, 99999, 501 -ErrorVariable failures -ErrorAction SilentlyContinue
        $messages.SessionId | Sort-Object -Unique | Should -Be @('500', '501')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ChatHistory.NotFound*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be '99999'
        $failures[0].ErrorDetails.Message | Should -Match 'INVALID_SESSION_ID'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Get-ChatSession'
    }

    It 'reads only newer messages with -After and resumes from a cursor file' {
        $all = Get-ChatMessage -Connection b24 -SessionId 507
        $after = Get-ChatMessage -Connection b24 -SessionId 507 -After $all[2].MessageId
        @($after).Count | Should -Be (@($all).Count - 3)

        $cursor = Join-Path $TestDrive 'cursor.json'
        $first = Get-ChatSession -Connection b24 -First 5 | Get-ChatMessage -CursorPath $cursor
        $first.Count | Should -BeGreaterThan 0
        $second = Get-ChatSession -Connection b24 -First 5 | Get-ChatMessage -CursorPath $cursor
        @($second).Count | Should -Be 0
    }

    It 'survives an injected HTML error page' {
        Add-SimulatorFault -Simulator $script:Simulator -Kind HtmlErrorPage -PathPrefix '/bitrix24/rest/' -Times 1
        try {
            $messages = Get-ChatMessage -Connection b24 -SessionId 500
            @($messages).Count | Should -BeGreaterThan 5
        }
        finally {
            Clear-SimulatorFault -Simulator $script:Simulator
        }
    }

    It 'shows each batch request with -Verbose, with the webhook secret masked' {
        $output = Get-ChatMessage -Connection b24 -SessionId 500, 501 -Verbose 4>&1
        $verbose = ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match 'POST 127\.0\.0\.1/bitrix24/rest/1/\*\*\*/batch\.json -> 200'
        $json = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] } | ConvertTo-Json -Depth 4
        foreach ($text in $verbose, $json) {
            $text | Should -Not -Match ([regex]::Escape($script:WebhookSecret))
        }
    }
}

Describe 'Bitrix24 OAuth token renewal' {
    BeforeAll {
        # Both connect while the demo access token is still valid; the tests below make it expire.
        Connect-ChatProvider -Bitrix24 -Url $script:B24.Url -AccessToken $script:AccessToken -Name b24-norenew
        Connect-ChatProvider -Bitrix24 -Url $script:B24.Url -AccessToken $script:AccessToken -RefreshToken $script:RefreshToken `
            -ClientId $script:B24.ClientId -ClientSecret $script:ClientSecret -OAuthServerUrl $script:B24.OAuthServerUrl -Name b24-oauth
    }

    It 'fails with ChatHistory.AuthenticationFailed when the token expired and cannot be renewed' {
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Simulator.BaseUrl)bitrix24/_sim/expire-tokens"
        $messages = Get-ChatMessage -Connection b24-norenew -SessionId 500 -ErrorVariable failures -ErrorAction SilentlyContinue
        $messages | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ChatHistory.AuthenticationFailed*'
        $failures[0].ErrorDetails.Message | Should -Match 'expired_token'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'RefreshToken'
    }

    It 'renews an expired access token once and goes on, showing no token' {
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Simulator.BaseUrl)bitrix24/_sim/expire-tokens"

        $output = Get-ChatMessage -Connection b24-oauth -SessionId 500, 501 -Verbose 4>&1
        $messages = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $messages.SessionId | Sort-Object -Unique | Should -Be @('500', '501')
        $verbose | Should -Match 'renewed'
        $verbose | Should -Match 'GET 127\.0\.0\.1/bitrix24/oauth/token/ -> 200'
        foreach ($secret in $script:B24.AccessToken, $script:B24.RefreshToken, $script:B24.ClientSecret) {
            $verbose | Should -Not -Match ([regex]::Escape($secret))
        }
    }
}
