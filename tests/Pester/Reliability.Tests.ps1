#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What a scheduled task needs: a cursor file that survives every interruption, per-session errors,
# input refused before any request, connections that outlive a disconnect, readers that stop.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    $script:Rocket = $script:Simulator.Info.RocketChat
    $script:Token = ConvertTo-SecureString $script:Rocket.AuthToken -AsPlainText -Force
    $script:MessagesPrefix = '/rocketchat/api/v1/livechat/'

    function Connect-Rocket([string] $Name = 'rc', [string] $Url = $script:Rocket.Url) {
        # Rocket.Chat's default pace (5 requests a second) would make every full read take seconds.
        Connect-ChatProvider -RocketChat -Url $Url -UserId $script:Rocket.UserId -AuthToken $script:Token -Name $Name -RequestsPerSecond 1000 -Burst 1000
    }

    # "<session> <message>" for each message, as the delivered-lines files hold them.
    function Format-Delivered { process { "$($_.SessionId) $($_.MessageId)" } }

    # The pipeline's error of a script block that is expected to fail terminating.
    function Get-Failure([scriptblock] $Script) {
        try { & $Script; $null } catch { $_ }
    }

    Connect-Rocket
    $script:AllDelivered = @(Get-ChatSession | Get-ChatMessage | Format-Delivered)
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'The cursor file after an interruption' {
    BeforeEach {
        Clear-SimulatorFault $script:Simulator
        Connect-Rocket
        $script:Folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid()))
        $script:Cursor = Join-Path $script:Folder 'cursor.json'
    }

    AfterEach { Clear-SimulatorFault $script:Simulator }

    # After any interruption the next run delivers what was not delivered yet, and repeats only
    # messages of the one session that was being read.
    It 'the next run completes what <Interruption> left, repeating at most one session' -ForEach @(
        @{ Interruption = 'SIGTERM to the pwsh running it' }
        @{ Interruption = 'stopping the pipeline while sessions are still being listed' }
        @{ Interruption = 'an upstream command that throws' }
    ) {
        $delivered = Join-Path $script:Folder 'delivered.txt'
        switch -Wildcard ($Interruption) {
            'SIGTERM*' {
                if ($IsWindows) { Set-ItResult -Skipped -Because 'SIGTERM is a POSIX signal'; return }
                # Slow answers, so that the child is surely killed in the middle of the run.
                Add-SimulatorFault $script:Simulator -Kind Latency -PathPrefix $script:MessagesPrefix -Times 100000 -LatencyMs 50
                $child = @"
Import-Module '$(Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1')'
`$token = ConvertTo-SecureString '$($script:Rocket.AuthToken)' -AsPlainText -Force
Connect-ChatProvider -RocketChat -Url '$($script:Rocket.Url)' -UserId '$($script:Rocket.UserId)' -AuthToken `$token -Name nightly -RequestsPerSecond 1000 -Burst 1000
Get-ChatSession | Get-ChatMessage -CursorPath '$script:Cursor' -ThrottleLimit 1 -PageSize 10 |
    ForEach-Object { Add-Content -Path '$delivered' -Value "`$(`$_.SessionId) `$(`$_.MessageId)" }
"@
                $pwsh = Get-PwshCommand
                $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($child))
                $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)
                $process = Start-Process -FilePath $pwsh[0] -ArgumentList $arguments -PassThru -RedirectStandardError (Join-Path $script:Folder 'child-errors.txt')
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (-not (Test-Path $delivered) -or @(Get-Content $delivered).Count -lt 80) {
                    if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) { throw "The child ended or stalled early: $(Get-Content (Join-Path $script:Folder 'child-errors.txt') -Raw)" }
                    Start-Sleep -Milliseconds 20
                }
                & kill -TERM $process.Id
                $process.WaitForExit(20000) | Should -BeTrue
            }
            'stopping*' {
                Add-SimulatorFault $script:Simulator -Kind Latency -PathPrefix '/rocketchat/api/v1/livechat/rooms' -Times 100000 -LatencyMs 50
                $powershell = [powershell]::Create()
                $null = $powershell.AddScript({
                        param($Module, $Cursor, $Delivered)
                        Import-Module $Module
                        Get-ChatSession -PageSize 2 -Connection rc |
                            Get-ChatMessage -CursorPath $Cursor -ThrottleLimit 1 |
                            ForEach-Object { Add-Content -Path $Delivered -Value "$($_.SessionId) $($_.MessageId)" }
                    }).AddArgument((Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1')).AddArgument($script:Cursor).AddArgument($delivered)
                $running = $powershell.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (-not (Test-Path $delivered) -or @(Get-Content $delivered).Count -lt 60) {
                    if ($running.IsCompleted -or [DateTime]::UtcNow -gt $deadline) { throw "The run ended or stalled before it could be stopped: $($powershell.Streams.Error)" }
                    Start-Sleep -Milliseconds 20
                }
                $powershell.Stop()
                $powershell.Dispose()
            }
            'an upstream*' {
                $ids = (Get-ChatSession -First 6).SessionId
                $failure = Get-Failure {
                    & {
                        foreach ($id in $ids) { $id; Start-Sleep -Milliseconds 150 }
                        throw 'upstream failed'
                    } | Get-ChatMessage -CursorPath $script:Cursor -ThrottleLimit 1 | Format-Delivered | Add-Content -Path $delivered
                }
                "$failure" | Should -Be 'upstream failed'
            }
        }

        $first = @(Get-Content $delivered)
        $first.Count | Should -BeGreaterThan 0
        $first.Count | Should -BeLessThan $script:AllDelivered.Count
        Get-Content $script:Cursor -Raw | ConvertFrom-Json -AsHashtable | Should -Not -BeNullOrEmpty

        $second = @(Get-ChatSession | Get-ChatMessage -CursorPath $script:Cursor | Format-Delivered)
        # A process killed while it saved may leave its temporary file; the next run removes it.
        Get-ChildItem $script:Folder -Force -Filter '*.tmp' | Should -BeNullOrEmpty

        # Every message arrives, once or (for the interrupted session) twice.
        $seen = [Collections.Generic.HashSet[string]]::new([string[]]($first + $second))
        @($script:AllDelivered | Where-Object { -not $seen.Contains($_) }) | Should -BeNullOrEmpty
        $again = [Collections.Generic.HashSet[string]]::new([string[]]$second)
        $repeated = @($first | Where-Object { $again.Contains($_) })
        @($repeated | ForEach-Object { ($_ -split ' ')[0] } | Select-Object -Unique).Count | Should -BeLessOrEqual 1
    }

    It 'leaves the cursor on the last message Select-Object -First took' {
        $session = ($script:AllDelivered | ForEach-Object { ($_ -split ' ')[0] } | Group-Object | Where-Object Count -GE 30 | Select-Object -First 1).Name
        $all = Get-ChatMessage -SessionId $session

        $taken = Get-ChatMessage -SessionId $session -CursorPath $script:Cursor -PageSize 10 | Select-Object -First 25
        (Get-Content $script:Cursor -Raw | ConvertFrom-Json -AsHashtable).Values.LastMessageId | Should -Be $taken[24].MessageId
        $rest = Get-ChatMessage -SessionId $session -CursorPath $script:Cursor

        @($taken).Count + @($rest).Count | Should -Be @($all).Count
        $rest[0].MessageId | Should -Be $all[25].MessageId
    }

    It 'is keyed by the server, so a renamed connection reads only what is new' {
        $session = (Get-ChatSession -Status Closed -First 1).SessionId
        $null = Get-ChatMessage -SessionId $session -CursorPath $script:Cursor
        Connect-Rocket -Name 'renamed'

        @(Get-ChatMessage -SessionId $session -Connection renamed -CursorPath $script:Cursor).Count | Should -Be 0
        (Get-Content $script:Cursor -Raw) | Should -Not -Match 'renamed|"rc|\|rc\|'
        (Get-Content $script:Cursor -Raw) | Should -Not -Match ([regex]::Escape($script:Rocket.AuthToken))
    }

    It 'is keyed by the server, so the same name pointed at another server reads all of it' {
        $other = Start-TestSimulator
        try {
            $session = (Get-ChatSession -Status Closed -First 1).SessionId
            $expected = @(Get-ChatMessage -SessionId $session).Count
            $null = Get-ChatMessage -SessionId $session -CursorPath $script:Cursor
            Connect-Rocket -Name 'rc' -Url $other.Info.RocketChat.Url

            @(Get-ChatMessage -SessionId $session -CursorPath $script:Cursor).Count | Should -Be $expected
        }
        finally {
            Connect-Rocket
            Stop-TestSimulator $other
        }
    }

    It 'treats a null entry as missing, with a warning' {
        $session = (Get-ChatSession -Status Closed -First 1).SessionId
        $null = Get-ChatMessage -SessionId $session -CursorPath $script:Cursor
        $key = @((Get-Content $script:Cursor -Raw | ConvertFrom-Json -AsHashtable).Keys)[0]
        Set-Content -Path $script:Cursor -Value (@{ $key = $null } | ConvertTo-Json)

        $again = @(Get-ChatMessage -SessionId $session -CursorPath $script:Cursor -WarningVariable warnings 3>$null)

        $again.Count | Should -Be @(Get-ChatMessage -SessionId $session).Count
        "$warnings" | Should -Match 'damaged entry'
        (Get-Content $script:Cursor -Raw | ConvertFrom-Json -AsHashtable)[$key].LastMessageId | Should -Be $again[-1].MessageId
    }
}

Describe '-CursorPath is checked before any request' {
    BeforeAll {
        $script:Folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'paths')
        $script:AFile = Join-Path $script:Folder 'a-file.txt'
        Set-Content -Path $script:AFile -Value 'x'
    }

    It 'refuses <Case> with ChatHistory.InvalidArgument naming the path' -ForEach @(
        @{ Case = 'a folder'; Path = { $script:Folder.FullName } }
        @{ Case = 'a path under a file'; Path = { Join-Path $script:AFile 'cursor.json' } }
        @{ Case = 'a missing folder'; Path = { Join-Path $script:Folder 'missing/cursor.json' } }
        @{ Case = 'the Env: drive'; Path = { 'Env:\ChatHistoryCursor' } }
        @{ Case = 'a NUL character'; Path = { Join-Path $script:Folder "cur`0sor.json" } }
    ) {
        $path = & $Path
        $before = Get-SimulatorRequestCount $script:Simulator

        $failure = Get-Failure { Get-ChatSession -First 3 | Get-ChatMessage -CursorPath $path -ErrorAction Stop }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.InvalidArgument*'
        "$failure" | Should -BeLike "*$($path.Replace("`0", '\0'))*"
        # BeginProcessing runs before any command of the pipeline reads: not even the listing went out.
        Get-SimulatorRequestCount $script:Simulator | Should -Be $before
        Get-ChildItem $script:Folder -Force -Recurse -Filter '*.tmp' | Should -BeNullOrEmpty
    }
}

Describe 'Errors a nightly run can act on' {
    BeforeAll { Connect-Rocket }

    It 'gives an unknown -SessionId its own non-terminating error and still returns the other sessions' {
        $ids = (Get-ChatSession -First 2).SessionId

        $sessions = Get-ChatSession -SessionId $ids[0], 'NoSuchRoom0000001', $ids[1] -ErrorVariable failures -ErrorAction SilentlyContinue

        $sessions.SessionId | Should -Be $ids
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ChatHistory.NotFound*'
        $failures[0].TargetObject | Should -Be 'NoSuchRoom0000001'
    }

    It 'refuses -<Lookup> on Rocket.Chat with ChatHistory.NotSupported before any request' -ForEach @(
        @{ Lookup = 'ChatId' }, @{ Lookup = 'UserCode' }, @{ Lookup = 'ContactId' }
    ) {
        $before = Get-SimulatorRequestCount $script:Simulator
        $arguments = @{ $Lookup = '42' }

        $failure = Get-Failure { Get-ChatSession @arguments -ErrorAction Stop }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.NotSupported*'
        "$failure" | Should -Match "-$Lookup"
        $failure.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        Get-SimulatorRequestCount $script:Simulator | Should -Be $before
    }

    It 'refuses -Since after -Until before any request, saying to swap them' {
        $before = Get-SimulatorRequestCount $script:Simulator

        $failure = Get-Failure { Get-ChatSession -Since '2026-11-02' -Until '2026-11-01' -ErrorAction Stop }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.InvalidArgument*'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'Swap'
        Get-SimulatorRequestCount $script:Simulator | Should -Be $before
    }

    It 'refuses a white-space id to <Command> without asking the server' -ForEach @(
        @{ Command = 'Get-ChatSession' }, @{ Command = 'Get-ChatMessage' }
    ) {
        $before = Get-SimulatorRequestCount $script:Simulator

        $output = @(& $Command -SessionId '   ' -ErrorVariable failures -ErrorAction SilentlyContinue)

        $output.Count | Should -Be 0
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ChatHistory.InvalidArgument*'
        Get-SimulatorRequestCount $script:Simulator | Should -Be $before
    }
}

Describe 'Connections and stopping' {
    BeforeEach {
        Clear-SimulatorFault $script:Simulator
        Connect-Rocket
    }

    AfterEach { Clear-SimulatorFault $script:Simulator }

    It 'finishes a read while <Action>' -ForEach @(
        @{ Action = 'Disconnect-ChatProvider closes its connection'; Close = { Disconnect-ChatProvider -Name rc } }
        @{ Action = 'Connect-ChatProvider replaces the connection of that name'; Close = { Connect-Rocket } }
    ) {
        $rooms = (Get-ChatSession -First 6).SessionId
        $expected = @($script:AllDelivered | Where-Object { ($_ -split ' ')[0] -in $rooms })
        $started = Join-Path $TestDrive "started-$([guid]::NewGuid()).txt"
        Add-SimulatorFault $script:Simulator -Kind Latency -PathPrefix $script:MessagesPrefix -Times 100000 -LatencyMs 50
        $powershell = [powershell]::Create()
        $null = $powershell.AddScript({
                param($Module, $Rooms, $Started)
                Import-Module $Module
                Get-ChatMessage -SessionId $Rooms -Connection rc -PageSize 3 -ThrottleLimit 2 |
                    ForEach-Object { Add-Content -Path $Started -Value x; "$($_.SessionId) $($_.MessageId)" }
            }).AddArgument((Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1')).AddArgument($rooms).AddArgument($started)
        $running = $powershell.BeginInvoke()
        while (-not (Test-Path $started)) { Start-Sleep -Milliseconds 10 }

        & $Close
        $read = @($powershell.EndInvoke($running))

        $powershell.Streams.Error | Should -BeNullOrEmpty
        $read | Should -Be $expected
        $powershell.Dispose()
    }

    It 'sends no request after the pipeline ended because <Ending>' -ForEach @(
        @{ Ending = 'Select-Object -First had enough'; Run = { Get-ChatSession | Get-ChatMessage -PageSize 2 | Select-Object -First 3 } }
        @{ Ending = 'a downstream command threw'; Run = { Get-ChatSession | Get-ChatMessage -PageSize 2 | ForEach-Object { throw 'downstream failed' } } }
    ) {
        # Slow answers, so that a reader left running would still be sending requests afterwards.
        Add-SimulatorFault $script:Simulator -Kind Latency -PathPrefix $script:MessagesPrefix -Times 100000 -LatencyMs 20
        $null = Get-Failure $Run
        $atEnd = Get-SimulatorRequestCount $script:Simulator
        Start-Sleep -Milliseconds 500
        Get-SimulatorRequestCount $script:Simulator | Should -Be $atEnd
    }

    It 'gives up on a server that never answers after -TimeoutSec, saying what timed out' {
        Add-SimulatorFault $script:Simulator -Kind Latency -PathPrefix '/rocketchat/' -Times 100000 -LatencyMs 600000
        $watch = [Diagnostics.Stopwatch]::StartNew()

        $failure = Get-Failure { Connect-ChatProvider -RocketChat -Url $script:Rocket.Url -UserId $script:Rocket.UserId -AuthToken $script:Token -Name hanging -TimeoutSec 1 -ErrorAction Stop }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.ConnectionFailed*'
        "$failure" | Should -Match 'did not (answer|complete a request) within 1 s'
        $failure.ErrorDetails.RecommendedAction | Should -Match '-TimeoutSec'
        # Far below the minutes a hanging server used to hold it; the bound is loose on purpose.
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 60
    }
}

Describe 'Piped input that names no session' {
    BeforeAll { Connect-Rocket }

    It 'refuses <Case> before any request, as ChatHistory.InvalidArgument' -ForEach @(
        @{ Case = 'a hashtable'; Make = { @{ Foo = 1 } } }
        @{ Case = 'a date'; Make = { Get-Date } }
        @{ Case = 'Get-ChatConnection output'; Make = { Get-ChatConnection -Current } }
        @{ Case = 'a CSV row without an id column'; Make = { 'Foo,Bar', '1,2' | ConvertFrom-Csv } }
    ) {
        $item = & $Make
        $before = Get-SimulatorRequestCount $script:Simulator

        $sessions = @($item | Get-ChatSession -ErrorVariable sessionErrors -ErrorAction SilentlyContinue)
        $messages = @($item | Get-ChatMessage -ErrorVariable messageErrors -ErrorAction SilentlyContinue)

        $sessions.Count + $messages.Count | Should -Be 0
        $sessionErrors[0].FullyQualifiedErrorId | Should -BeLike 'ChatHistory.InvalidArgument*'
        $messageErrors[0].FullyQualifiedErrorId | Should -BeLike 'ChatHistory.InvalidArgument*'
        $messageErrors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-ChatSession'
        Get-SimulatorRequestCount $script:Simulator | Should -Be $before
    }

    It 'still takes sessions, ids and CSV rows with a SessionId column' {
        $sessions = Get-ChatSession -First 2
        $csv = $sessions | Select-Object SessionId | ConvertTo-Csv | ConvertFrom-Csv

        ($sessions | Get-ChatSession).SessionId | Should -Be $sessions.SessionId
        ($sessions.SessionId | Get-ChatSession).SessionId | Should -Be $sessions.SessionId
        ($csv | Get-ChatSession).SessionId | Should -Be $sessions.SessionId
    }
}
