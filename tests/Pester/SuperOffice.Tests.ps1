#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# SuperOffice Chat through the cmdlets, against the standalone simulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    $script:So = $script:Simulator.Info.SuperOffice
    $script:Ticket = ConvertTo-SecureString $script:So.Ticket -AsPlainText -Force
    $script:AppToken = ConvertTo-SecureString $script:So.ApplicationToken -AsPlainText -Force
    $script:AccessToken = ConvertTo-SecureString $script:So.AccessToken -AsPlainText -Force
    $password = ConvertTo-SecureString $script:So.Password -AsPlainText -Force
    $script:Credential = [pscredential]::new($script:So.UserName, $password)
    $script:Secrets = @($script:So.Password, $script:So.Ticket, $script:So.ApplicationToken, $script:So.AccessToken)
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'Connect-ChatProvider -SuperOffice' {
    It 'connects onsite-style with -Credential (Basic)' {
        $connection = Connect-ChatProvider -SuperOffice -Url $script:So.Url -Credential $script:Credential -Name so-basic -PassThru
        $connection.Provider | Should -Be 'SuperOffice'
        $connection.Name | Should -Be 'so-basic'
        $connection.Account | Should -Be 'SIMUSER'
        $connection.Endpoint | Should -Be $script:So.Url
        Disconnect-ChatProvider -Name so-basic
    }

    It 'connects with -Ticket and -ApplicationToken (SOTicket)' {
        $connection = Connect-ChatProvider -SuperOffice -Url $script:So.Url -Ticket $script:Ticket -ApplicationToken $script:AppToken -Name so-ticket -PassThru
        $connection.Account | Should -Be 'SIMUSER'
        (Get-ChatConnection -Current).Name | Should -Be 'so-ticket'
        Disconnect-ChatProvider -Name so-ticket
    }

    It 'connects with -AccessToken (Bearer), with and without -ApplicationToken' {
        (Connect-ChatProvider -SuperOffice -Url $script:So.Url -AccessToken $script:AccessToken -Name so-bearer -PassThru).Account | Should -Be 'SIMUSER'
        (Connect-ChatProvider -SuperOffice -Url $script:So.Url -AccessToken $script:AccessToken -ApplicationToken $script:AppToken -Name so-bearer -PassThru).Account | Should -Be 'SIMUSER'
        Disconnect-ChatProvider -Name so-bearer
    }

    It 'accepts the tenant URL without /api/v1' {
        $tenant = $script:So.Url -replace 'api/v1/?$', ''
        $connection = Connect-ChatProvider -SuperOffice -Url $tenant -Credential $script:Credential -Name so-short -PassThru
        $connection.Endpoint | Should -Be $script:So.Url
        Disconnect-ChatProvider -Name so-short
    }

    It 'fails with ChatHistory.AuthenticationFailed naming the scheme, without showing the secret' {
        $wrong = ConvertTo-SecureString 'canary-wrong-ticket-8812' -AsPlainText -Force
        $failure = $null
        try {
            Connect-ChatProvider -SuperOffice -Url $script:So.Url -Ticket $wrong -ApplicationToken $script:AppToken -Name bad -ErrorAction Stop
        }
        catch {
            $failure = $_
        }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.AuthenticationFailed*'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.ErrorDetails.Message | Should -Match 'SOTicket'
        $failure.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        ($failure | Out-String) | Should -Not -Match 'canary-wrong-ticket-8812'
        ($failure.ErrorDetails.Message) | Should -Not -Match 'canary-wrong-ticket-8812'
    }

    It 'says the tenant URL is wrong when the host answers 421' {
        $otherTenant = $script:So.Url -replace 'Cust12345', 'Cust99999'
        $failure = $null
        try {
            Connect-ChatProvider -SuperOffice -Url $otherTenant -Credential $script:Credential -Name misdirected -ErrorAction Stop
        }
        catch {
            $failure = $_
        }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.InvalidArgument*'
        $failure.Exception.Message | Should -Match '421 Misdirected Request'
        $failure.Exception.Message | Should -Match 'tenant URL'
        $failure.ErrorDetails.RecommendedAction | Should -Match '-Url'
    }

    It 'refuses http:// for a host that is not loopback' {
        { Connect-ChatProvider -SuperOffice -Url 'http://crm.example.com/api/v1' -Credential $script:Credential -ErrorAction Stop } |
            Should -Throw -ErrorId 'ChatHistory.InvalidArgument*'
    }

    It 'refuses an -ArchiveTimeZone this machine does not know' {
        { Connect-ChatProvider -SuperOffice -Url $script:So.Url -Credential $script:Credential -ArchiveTimeZone 'Nowhere/Atlantis' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ChatHistory.InvalidArgument*'
    }

    It 'warns when -TimeZone is a SuperOffice code it cannot map, and still reads exact times' {
        $warnings = $null
        Connect-ChatProvider -SuperOffice -Url $script:So.Url -Credential $script:Credential -TimeZone NO -Name so-no -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'ArchiveTimeZone'
        $session = Get-ChatSession -Connection so-no -SessionId 1001
        $session.StartedAt.Offset | Should -Be ([timespan]::FromHours(2))
        $session.StartedAt.UtcDateTime | Should -Be ([datetime]::new(2026, 6, 1, 8, 0, 0, [System.DateTimeKind]::Utc))
        Disconnect-ChatProvider -Name so-no
    }

    It 'fails with ChatHistory.AccessDenied for a user without Chat' {
        $restricted = ConvertTo-SecureString $script:So.RestrictedAccessToken -AsPlainText -Force
        Connect-ChatProvider -SuperOffice -Url $script:So.Url -AccessToken $restricted -Name so-nochat
        $failure = $null
        try {
            Get-ChatSession -Connection so-nochat -ErrorAction Stop
        }
        catch {
            $failure = $_
        }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.AccessDenied*'
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure.ErrorDetails.Message | Should -Match 'Bearer'
        Disconnect-ChatProvider -Name so-nochat
    }
}

Describe 'Get-ChatSession | Get-ChatMessage for SuperOffice' {
    BeforeAll {
        Connect-ChatProvider -SuperOffice -Url $script:So.Url -Ticket $script:Ticket -ApplicationToken $script:AppToken -Name so
    }

    It 'lists sessions with the common shape, across OData pages' {
        $sessions = Get-ChatSession -PageSize 7
        $sessions.Count | Should -Be 45
        $sessions[0].Provider | Should -Be 'SuperOffice'
        $sessions[0].Connection | Should -Be 'so'
        $sessions[0].SessionId | Should -Be '1001'
        ($sessions.SessionId | Sort-Object -Unique).Count | Should -Be 45
    }

    It 'stops after -First' {
        @(Get-ChatSession -First 3).Count | Should -Be 3
    }

    It 'filters by status on the server' {
        $open = @(Get-ChatSession -Status Open)
        $closed = @(Get-ChatSession -Status Closed)
        $open | ForEach-Object { $_.EndedAt | Should -BeNullOrEmpty }
        $closed | ForEach-Object { $_.EndedAt | Should -Not -BeNullOrEmpty }
        ($open.Count + $closed.Count) | Should -Be 45
    }

    It 'reads a topic by id and by name' {
        $byId = @(Get-ChatSession -Topic 2)
        $byId.Count | Should -Be 15
        $byId.Channel | Sort-Object -Unique | Should -Be 'Support'
        $byName = @(Get-ChatSession -Channel Billing)
        $byName.Count | Should -Be 15
        $byName.Channel | Sort-Object -Unique | Should -Be 'Billing'
    }

    It 'keeps -Since and -Until exact' {
        $since = [datetimeoffset]::new(2026, 6, 1, 18, 0, 0, [timespan]::Zero).LocalDateTime
        $until = [datetimeoffset]::new(2026, 6, 2, 4, 0, 0, [timespan]::Zero).LocalDateTime
        (Get-ChatSession -Since $since -Until $until).SessionId | Should -Be @('1006', '1007', '1008', '1009', '1010')
    }

    It 'pipes sessions to messages to CSV and reads them back' {
        $csv = Join-Path $TestDrive 'messages.csv'
        $messages = Get-ChatSession -First 5 | Get-ChatMessage
        $messages | Export-Csv -Path $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows.Count | Should -Be $messages.Count
        $rows.Count | Should -BeGreaterThan 0
        $rows[0].PSObject.Properties.Name | Should -Contain 'AuthorRole'
        $rows[0].PSObject.Properties.Name | Should -Contain 'Text'
        $roles = $rows.AuthorRole | Sort-Object -Unique
        $roles | Should -Contain 'Visitor'
        $roles | Should -Contain 'Agent'
        $roles | Should -Contain 'Bot'
        $roles | Should -Contain 'System'
        # The vendor's SpecialType enum has Url (a Link) and session events, no File or Block kind.
        $kinds = $rows.Kind | Sort-Object -Unique
        $kinds | Should -Contain 'Text'
        $kinds | Should -Contain 'Link'
        $kinds | Should -Contain 'Event'
        ($rows | Where-Object Kind -eq 'Link' | Select-Object -First 1).AttachmentUrls | Should -Match '^https://example\.com/'
        ($rows.Text -join "`n") | Should -Not -Match '<p>|<b>'
    }

    # SuperOfficeDocs docs/automation/crmscript/api-reference/trigger-scripts/includes/enum-type.md and
    # enum-specialtype.md: Type ToCustomer 1 / ToUser 2 / Special 3, SpecialType BotMessage 16, Options 17, ...
    It 'takes AuthorRole from the vendor''s Type and SpecialType, names or numbers' {
        $messages = Get-ChatSession -First 12 | Get-ChatMessage
        $checked = 0
        foreach ($message in $messages) {
            $raw = $message.Raw | ConvertFrom-Json
            $expected = if ("$($raw.SpecialType)" -in 'BotMessage', '16') { 'Bot' }
                elseif ("$($raw.SpecialType)" -in 'NewSession', 'ClosedByUser', 'ClosedByIdle', 'Block') { 'System' }
                elseif ("$($raw.Type)" -in 'ToUser', '2') { 'Visitor' }
                elseif ("$($raw.Type)" -in 'ToCustomer', '1') { 'Agent' }
                elseif ("$($raw.Type)" -in 'Special', 'Invalid', '3', '0') { 'System' }
            "$($message.AuthorRole)" | Should -Be $expected -Because "Type $($raw.Type), SpecialType $($raw.SpecialType)"
            $checked++
        }
        $checked | Should -BeGreaterThan 50
        @($messages | Where-Object { ($_.Raw | ConvertFrom-Json).Type -eq '2' }).Count | Should -BeGreaterThan 0
        $options = $messages | Where-Object { ($_.Raw | ConvertFrom-Json).SpecialType -eq 'Options' } | Select-Object -First 1
        $options.AttachmentCount | Should -Be 2
        $options.Attachments.Kind | Sort-Object -Unique | Should -Be 'option'
    }

    # SuperOfficeDocs docs/en/api/archive-providers/reference/chatsession.md has associateId, no agentId;
    # the simulator, like the archive, answers 400 to a column it does not have.
    It 'reads and filters the agent through the archive''s associateId column' {
        (Get-ChatSession -SessionId 1001).AgentId | Should -Be '11'
        $bob = @(Get-ChatSession -Agent 12)
        $bob.Count | Should -BeGreaterThan 0
        $bob | ForEach-Object { $_.AgentName | Should -Be 'Bob Agent' }
    }

    It 'keeps each session''s messages oldest first' {
        $messages = Get-ChatMessage -SessionId 1001
        $times = $messages.Timestamp
        $times | Should -Be ($times | Sort-Object)
        $messages[0].Text | Should -Be 'Chat requested'
        $messages[-1].Text | Should -Be 'Chat ended'
    }

    It 'reads only newer messages with -After' {
        $all = Get-ChatMessage -SessionId 1002
        $newer = Get-ChatMessage -SessionId 1002 -After $all[2].MessageId
        @($newer).Count | Should -Be ($all.Count - 3)
        $newer[0].MessageId | Should -Be $all[3].MessageId
        @(Get-ChatMessage -SessionId 1002 -After $all[-1].MessageId).Count | Should -Be 0
    }

    It 'resumes from a cursor file' {
        $cursor = Join-Path $TestDrive 'cursor.json'
        $first = Get-ChatMessage -SessionId 1003 -CursorPath $cursor
        $first.Count | Should -BeGreaterThan 0
        Test-Path $cursor | Should -BeTrue
        @(Get-ChatMessage -SessionId 1003 -CursorPath $cursor).Count | Should -Be 0
    }

    It 'writes a non-terminating ChatHistory.NotFound error for a missing session and still returns the others' {
        $errors = $null
        $messages = Get-ChatMessage -SessionId '9999', '1001' -ErrorVariable errors -ErrorAction SilentlyContinue
        $messages.Count | Should -BeGreaterThan 0
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ChatHistory.NotFound*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be '9999'
    }

    It 'survives injected 429s and 503s' {
        Add-SimulatorFault -Simulator $script:Simulator -Kind TooManyRequests -PathPrefix '/superoffice/Cust12345/api/v1/ChatSession' -Every 2 -Times 3
        Add-SimulatorFault -Simulator $script:Simulator -Kind ServiceUnavailable -PathPrefix '/superoffice/Cust12345/api/v1/ChatSession' -Every 3 -Times 2
        try {
            $messages = Get-ChatSession -First 3 | Get-ChatMessage
            $messages.Count | Should -BeGreaterThan 0
        }
        finally {
            Clear-SimulatorFault -Simulator $script:Simulator
        }
    }

    It 'converts to JSON without the connection''s secrets' {
        $json = Get-ChatSession -First 1 | Get-ChatMessage | ConvertTo-Json -Depth 4
        foreach ($secret in $script:Secrets) {
            $json | Should -Not -Match ([regex]::Escape($secret))
        }
    }

    It 'shows requests with -Verbose, without the secrets' {
        $verbose = Get-ChatSession -First 1 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $text = $verbose.Message -join "`n"
        $text | Should -Match 'GET 127\.0\.0\.1/superoffice/Cust12345/api/v1/ChatSession -> 200'
        foreach ($secret in $script:Secrets) {
            $text | Should -Not -Match ([regex]::Escape($secret))
        }
    }
}
