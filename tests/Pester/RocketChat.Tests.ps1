#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Rocket.Chat through the cmdlets, against the standalone simulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    $script:Rocket = $script:Simulator.Info.RocketChat
    $script:Token = ConvertTo-SecureString $script:Rocket.AuthToken -AsPlainText -Force
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'Connect-ChatProvider -RocketChat' {
    It 'connects with a personal access token and returns the connection with -PassThru' {
        $connection = Connect-ChatProvider -RocketChat -Url $script:Rocket.Url -UserId $script:Rocket.UserId -AuthToken $script:Token -Name rc -PassThru
        $connection.Name | Should -Be 'rc'
        $connection.Provider | Should -Be 'RocketChat'
        $connection.Account | Should -Be $script:Rocket.UserName
        (Get-ChatConnection -Current).Name | Should -Be 'rc'
    }

    It 'connects with a credential' {
        $password = ConvertTo-SecureString $script:Rocket.Password -AsPlainText -Force
        $credential = [pscredential]::new($script:Rocket.UserName, $password)
        $connection = Connect-ChatProvider -RocketChat -Url $script:Rocket.Url -Credential $credential -Name rc-login -PassThru
        $connection.Account | Should -Be $script:Rocket.UserName
        Disconnect-ChatProvider -Name rc-login
        Get-ChatConnection -Name rc-login | Should -BeNullOrEmpty
    }

    It 'fails with ChatHistory.AuthenticationFailed for a wrong token, without showing it' {
        $wrong = ConvertTo-SecureString 'canary-wrong-token-5521' -AsPlainText -Force
        $failure = $null
        try {
            Connect-ChatProvider -RocketChat -Url $script:Rocket.Url -UserId $script:Rocket.UserId -AuthToken $wrong -Name bad -ErrorAction Stop
        }
        catch {
            $failure = $_
        }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.AuthenticationFailed*'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        ($failure | Out-String) | Should -Not -Match 'canary-wrong-token-5521'
    }

    It 'refuses http:// for a host that is not loopback' {
        { Connect-ChatProvider -RocketChat -Url 'http://chat.example.com' -UserId x -AuthToken $script:Token -ErrorAction Stop } |
            Should -Throw -ErrorId 'ChatHistory.InvalidArgument*'
    }
}

Describe 'Get-ChatSession | Get-ChatMessage for Rocket.Chat' {
    BeforeAll {
        Connect-ChatProvider -RocketChat -Url $script:Rocket.Url -UserId $script:Rocket.UserId -AuthToken $script:Token -Name rc
    }

    It 'lists sessions with the common shape' {
        $sessions = Get-ChatSession
        $sessions.Count | Should -BeGreaterThan 10
        $sessions[0].Provider | Should -Be 'RocketChat'
        $sessions[0].Connection | Should -Be 'rc'
        $sessions[0].SessionId | Should -Not -BeNullOrEmpty
    }

    It 'stops after -First' {
        @(Get-ChatSession -First 3).Count | Should -Be 3
    }

    It 'filters by status' {
        $open = Get-ChatSession -Status Open
        $open | ForEach-Object { $_.Status | Should -Be 'Open' }
        $closed = Get-ChatSession -Status Closed
        $closed | ForEach-Object { $_.Status | Should -Be 'Closed' }
        ($open.Count + $closed.Count) | Should -Be (Get-ChatSession).Count
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
        $rows.AuthorRole | Sort-Object -Unique | Should -Contain 'Visitor'
        $rows.AuthorRole | Sort-Object -Unique | Should -Contain 'Agent'
    }

    It 'keeps each session''s messages oldest first' {
        $session = Get-ChatSession -Status Closed -First 1
        $messages = Get-ChatMessage -SessionId $session.SessionId
        $times = $messages.Timestamp
        $times | Should -Be ($times | Sort-Object)
        $messages[-1].AuthorRole | Should -Be 'System'
    }

    It 'stops reading messages after -First' {
        @(Get-ChatSession | Get-ChatMessage -First 7).Count | Should -Be 7
    }

    It 'converts to JSON without the connection''s secrets' {
        $json = Get-ChatSession -First 1 | Get-ChatMessage | ConvertTo-Json -Depth 4
        $json | Should -Not -Match ([regex]::Escape($script:Rocket.AuthToken))
    }

    It 'writes a non-terminating ChatHistory.NotFound error for a bad session and still returns the others' {
        $good = (Get-ChatSession -Status Closed -First 1).SessionId
        $errors = $null
        $messages = Get-ChatMessage -SessionId 'no-such-room-000', $good -ErrorVariable errors -ErrorAction SilentlyContinue
        $messages.Count | Should -BeGreaterThan 0
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ChatHistory.NotFound*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'no-such-room-000'
    }

    It 'reads sessions piped from two connections through their own connections' {
        Connect-ChatProvider -RocketChat -Url $script:Rocket.Url -UserId $script:Rocket.UserId -AuthToken $script:Token -Name rc-second
        $sessions = @(Get-ChatSession -Connection rc -First 2) + @(Get-ChatSession -Connection rc-second -First 2)
        $messages = $sessions | Get-ChatMessage
        $connections = $messages.Connection | Select-Object -Unique
        $connections | Should -Be @('rc', 'rc-second')
        Disconnect-ChatProvider -Name rc-second
    }

    It 'resumes from a cursor file' {
        $cursor = Join-Path $TestDrive 'cursor.json'
        $session = Get-ChatSession -Status Closed -First 1
        $first = Get-ChatMessage -SessionId $session.SessionId -CursorPath $cursor
        $first.Count | Should -BeGreaterThan 0
        Test-Path $cursor | Should -BeTrue
        $second = Get-ChatMessage -SessionId $session.SessionId -CursorPath $cursor
        @($second).Count | Should -Be 0
    }

    It 'survives injected 429s and dropped connections' {
        Add-SimulatorFault -Simulator $script:Simulator -Kind TooManyRequests -PathPrefix '/rocketchat/api/v1/livechat' -Every 3 -Times 3
        Add-SimulatorFault -Simulator $script:Simulator -Kind DropConnection -PathPrefix '/rocketchat/api/v1/livechat' -Every 5 -Times 2
        try {
            $messages = Get-ChatSession -First 3 | Get-ChatMessage
            $messages.Count | Should -BeGreaterThan 0
        }
        finally {
            Clear-SimulatorFault -Simulator $script:Simulator
        }
    }

    It 'turns a malformed answer into ChatHistory.ProtocolError, not a JSON exception' {
        Add-SimulatorFault -Simulator $script:Simulator -Kind MalformedJson -PathPrefix '/rocketchat/api/v1/livechat/rooms' -Times 1
        try {
            { Get-ChatSession -ErrorAction Stop } | Should -Throw -ErrorId 'ChatHistory.ProtocolError*'
        }
        finally {
            Clear-SimulatorFault -Simulator $script:Simulator
        }
    }

    It 'shows requests with -Verbose, without the token' {
        $verbose = Get-ChatSession -First 1 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'GET 127\.0\.0\.1/rocketchat/api/v1/livechat/rooms -> 200'
        ($verbose.Message -join "`n") | Should -Not -Match ([regex]::Escape($script:Rocket.AuthToken))
    }
}
