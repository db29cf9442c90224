#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Kommo Chats (amojo) through the cmdlets, against the standalone simulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    $script:Kommo = $script:Simulator.Info.Kommo
    $script:Secret = ConvertTo-SecureString $script:Kommo.ChannelSecret -AsPlainText -Force
    $script:Token = ConvertTo-SecureString $script:Kommo.AccessToken -AsPlainText -Force
    $script:ConversationIds = @($script:Kommo.ConversationIds -split ',')
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'Connect-ChatProvider -Kommo' {
    It 'connects with the scope id and channel secret and returns the connection with -PassThru' {
        $connection = Connect-ChatProvider -Kommo -AmojoUrl $script:Kommo.AmojoUrl -ScopeId $script:Kommo.ScopeId -ChannelSecret $script:Secret -Name kommo-amojo -PassThru
        $connection.Name | Should -Be 'kommo-amojo'
        $connection.Provider | Should -Be 'Kommo'
        $connection.Endpoint | Should -Be $script:Kommo.AmojoUrl
        # Without API v4 the account is the amojo account id, the second half of the scope id.
        $connection.Account | Should -Be ($script:Kommo.ScopeId -split '_')[1]
        ($connection | ConvertTo-Json -Depth 3) | Should -Not -Match ([regex]::Escape($script:Kommo.ChannelSecret))
    }

    It 'connects with API v4 as well and names the account' {
        $connection = Connect-ChatProvider -Kommo -AmojoUrl $script:Kommo.AmojoUrl -ScopeId $script:Kommo.ScopeId -ChannelSecret $script:Secret `
            -AccountUrl $script:Kommo.AccountUrl -AccessToken $script:Token -Name kommo-v4 -PassThru
        $connection.Account | Should -Be 'Simulated Kommo'
        Disconnect-ChatProvider -Name kommo-v4
    }

    It 'fails with ChatHistory.AuthenticationFailed for a wrong channel secret, hints at the clock, and hides the secret' {
        $wrong = ConvertTo-SecureString 'canary-wrong-channel-secret-8812' -AsPlainText -Force
        $failure = $null
        try {
            Connect-ChatProvider -Kommo -AmojoUrl $script:Kommo.AmojoUrl -ScopeId $script:Kommo.ScopeId -ChannelSecret $wrong -Name bad -ErrorAction Stop
        }
        catch {
            $failure = $_
        }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.AuthenticationFailed*'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'clock'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'ChannelSecret'
        ($failure | Out-String) | Should -Not -Match 'canary-wrong-channel-secret-8812'
    }

    It 'fails with ChatHistory.AuthenticationFailed for a wrong API v4 token' {
        $wrong = ConvertTo-SecureString 'canary-wrong-api-token-4471' -AsPlainText -Force
        { Connect-ChatProvider -Kommo -AmojoUrl $script:Kommo.AmojoUrl -ScopeId $script:Kommo.ScopeId -ChannelSecret $script:Secret `
                -AccountUrl $script:Kommo.AccountUrl -AccessToken $wrong -Name bad -ErrorAction Stop } |
            Should -Throw -ErrorId 'ChatHistory.AuthenticationFailed*'
    }

    It 'refuses -AccountUrl without -AccessToken' {
        { Connect-ChatProvider -Kommo -AmojoUrl $script:Kommo.AmojoUrl -ScopeId $script:Kommo.ScopeId -ChannelSecret $script:Secret `
                -AccountUrl $script:Kommo.AccountUrl -Name bad -ErrorAction Stop } |
            Should -Throw -ErrorId 'ChatHistory.InvalidArgument*'
    }

    It 'refuses http:// for an amojo host that is not loopback' {
        { Connect-ChatProvider -Kommo -AmojoUrl 'http://amojo.kommo.com' -ScopeId $script:Kommo.ScopeId -ChannelSecret $script:Secret -ErrorAction Stop } |
            Should -Throw -ErrorId 'ChatHistory.InvalidArgument*'
    }
}

Describe 'Get-ChatSession | Get-ChatMessage for Kommo' {
    BeforeAll {
        Connect-ChatProvider -Kommo -AmojoUrl $script:Kommo.AmojoUrl -ScopeId $script:Kommo.ScopeId -ChannelSecret $script:Secret `
            -AccountUrl $script:Kommo.AccountUrl -AccessToken $script:Token -Name kommo
        $script:IdsCsv = Join-Path $TestDrive 'ids.csv'
        $script:ConversationIds | ForEach-Object { [pscustomobject]@{ ConversationId = $_ } } | Export-Csv -Path $script:IdsCsv -NoTypeInformation
    }

    It 'says that Kommo cannot list conversations when given no ids' {
        { Get-ChatSession -Connection kommo -ErrorAction Stop } |
            Should -Throw -ErrorId 'ChatHistory.InvalidArgument*' -ExpectedMessage '*no method that lists conversations*'
    }

    It 'reads conversations from objects built in a script block, whose values PowerShell wraps' {
        # [pscustomobject]@{ ConversationId = $_ } holds $_ wrapped in a PSObject, unlike Import-Csv's plain strings.
        $sessions = $script:ConversationIds | ForEach-Object { [pscustomobject]@{ ConversationId = $_ } } | Get-ChatSession -Connection kommo -ErrorAction Stop
        $sessions.SessionId | Should -Be $script:ConversationIds
    }

    It 'reads the conversations named in a CSV file through its ConversationId column' {
        $sessions = Import-Csv $script:IdsCsv | Get-ChatSession -Connection kommo
        @($sessions).Count | Should -Be $script:ConversationIds.Count
        $sessions.SessionId | Should -Be $script:ConversationIds
        $sessions | ForEach-Object {
            $_.Provider | Should -Be 'Kommo'
            $_.Connection | Should -Be 'kommo'
            $_.LastMessageAt | Should -Not -BeNullOrEmpty
            $_.VisitorName | Should -Not -BeNullOrEmpty
        }
    }

    It 'pipes CSV ids to sessions to messages to CSV and reads them back' {
        $csv = Join-Path $TestDrive 'messages.csv'
        $messages = Import-Csv $script:IdsCsv | Get-ChatSession -Connection kommo | Get-ChatMessage
        $messages | Export-Csv -Path $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows.Count | Should -Be $messages.Count
        $rows.Count | Should -BeGreaterThan 100
        $rows.SessionId | Sort-Object -Unique | Should -Be ($script:ConversationIds | Sort-Object)
        $rows.AuthorRole | Sort-Object -Unique | Should -Be @('Agent', 'Visitor')
        $kinds = $rows.Kind | Sort-Object -Unique
        foreach ($kind in 'Text', 'Image', 'Video', 'File', 'Voice', 'Audio', 'Sticker', 'Location', 'Contact') {
            $kinds | Should -Contain $kind
        }
        # amojo's media path shape (/attachments/{id}/{name}) on the amojo base, where Save-ChatAttachment can fetch it.
        ($rows | Where-Object Kind -eq 'Image' | Select-Object -First 1).AttachmentUrls | Should -BeLike "$($script:Kommo.AmojoUrl)attachments/*"
    }

    # Issue 9: describing a conversation reads the newest history page, which the message read starts with;
    # the pipeline costs no more amojo requests than reading the messages, counted in the simulator's log.
    It 'costs no more requests through Get-ChatSession than reading the messages alone' {
        $requests = "$($script:Simulator.BaseUrl)_sim/requests"
        Invoke-RestMethod -Method Delete -Uri $requests
        $alone = Import-Csv $script:IdsCsv | Get-ChatMessage -Connection kommo
        $aloneCount = (Invoke-RestMethod -Uri "$($requests)?prefix=/kommo/v2/").count

        Invoke-RestMethod -Method Delete -Uri $requests
        $piped = Import-Csv $script:IdsCsv | Get-ChatSession -Connection kommo | Get-ChatMessage
        $pipedCount = (Invoke-RestMethod -Uri "$($requests)?prefix=/kommo/v2/").count

        $piped.MessageId | Should -Be $alone.MessageId
        $aloneCount | Should -BeGreaterThan $script:ConversationIds.Count
        $pipedCount | Should -Be $aloneCount
    }

    # amojo gives no total: past a full first page the next two pages are asked for at once, the second
    # on a guess that goes only on spare rate capacity (docs/providers/kommo.md).
    It 'reads a long conversation''s later pages two at a time' {
        Connect-ChatProvider -Kommo -AmojoUrl $script:Kommo.AmojoUrl -ScopeId $script:Kommo.ScopeId -ChannelSecret $script:Secret -Name kommo-pages
        Add-SimulatorFault -Simulator $script:Simulator -Kind Latency -PathPrefix '/kommo/v2/' -Times 10 -LatencyMs 300
        try {
            $requests = "$($script:Simulator.BaseUrl)_sim/requests"
            Invoke-RestMethod -Method Delete -Uri $requests
            $messages = Get-ChatMessage -Connection kommo-pages -SessionId $script:ConversationIds[0]
            $seen = Invoke-RestMethod -Uri "$($requests)?prefix=/kommo/v2/"
        }
        finally {
            Clear-SimulatorFault -Simulator $script:Simulator
            Disconnect-ChatProvider -Name kommo-pages
        }

        # 120 messages: offset 0 alone, then offsets 50 and 100 at once.
        $messages.Count | Should -Be 120
        $seen.count | Should -Be 3
        $seen.mostAtOnce | Should -Be 2
    }

    It 'keeps each conversation''s messages oldest first' {
        $messages = Import-Csv $script:IdsCsv | Get-ChatMessage -Connection kommo
        foreach ($group in $messages | Group-Object SessionId) {
            $times = $group.Group.Timestamp
            $times | Should -Be ($times | Sort-Object)
        }
    }

    It 'finds a contact''s chats with -ContactId' {
        $sessions = Get-ChatSession -Connection kommo -ContactId $script:Kommo.ContactId
        @($sessions).Count | Should -Be 3
        $sessions | ForEach-Object { $_.Raw | Should -Match ('"contact_id":' + $script:Kommo.ContactId) }
    }

    It 'needs API v4 on the connection for -ContactId' {
        { Get-ChatSession -Connection kommo-amojo -ContactId $script:Kommo.ContactId -ErrorAction Stop } |
            Should -Throw -ErrorId 'ChatHistory.InvalidArgument*' -ExpectedMessage '*-AccessToken*'
    }

    It 'refuses filters a Kommo conversation cannot answer with ChatHistory.NotSupported' {
        { Get-ChatSession -Connection kommo -SessionId $script:ConversationIds[0] -Status Closed -ErrorAction Stop } |
            Should -Throw -ErrorId 'ChatHistory.NotSupported*'
    }

    It 'reads only newer messages with -Since' {
        $all = Get-ChatMessage -Connection kommo -SessionId $script:ConversationIds[0]
        $since = $all[-10].Timestamp
        $recent = Get-ChatMessage -Connection kommo -SessionId $script:ConversationIds[0] -Since $since.UtcDateTime
        @($recent).Count | Should -Be 10
        $recent[0].MessageId | Should -Be $all[-10].MessageId
    }

    It 'resumes from a cursor file' {
        $cursor = Join-Path $TestDrive 'cursor.json'
        $first = Import-Csv $script:IdsCsv | Get-ChatMessage -Connection kommo -CursorPath $cursor
        $first.Count | Should -BeGreaterThan 0
        Test-Path $cursor | Should -BeTrue
        $second = Import-Csv $script:IdsCsv | Get-ChatMessage -Connection kommo -CursorPath $cursor
        @($second).Count | Should -Be 0
    }

    It 'survives injected 429s and dropped connections' {
        Add-SimulatorFault -Simulator $script:Simulator -Kind TooManyRequests -PathPrefix '/kommo/v2/' -Every 2 -Times 3
        Add-SimulatorFault -Simulator $script:Simulator -Kind DropConnection -PathPrefix '/kommo/v2/' -Every 3 -Times 2
        try {
            $messages = Import-Csv $script:IdsCsv | Get-ChatMessage -Connection kommo
            $messages.Count | Should -BeGreaterThan 100
        }
        finally {
            Clear-SimulatorFault -Simulator $script:Simulator
        }
    }

    It 'shows each signed request with -Verbose, and no secret anywhere' {
        $output = Get-ChatMessage -Connection kommo -SessionId $script:ConversationIds[0] -Verbose 4>&1
        $verbose = ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match 'GET 127\.0\.0\.1/kommo/v2/origin/custom/[^/]+/chats/[^/]+/history -> 200'
        $json = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] } | ConvertTo-Json -Depth 4
        foreach ($text in $verbose, $json) {
            $text | Should -Not -Match ([regex]::Escape($script:Kommo.ChannelSecret))
            $text | Should -Not -Match ([regex]::Escape($script:Kommo.AccessToken))
        }
    }
}
