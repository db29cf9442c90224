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
        Get-ChildItem $script:Folder -Force -Filter '*.tmp' | Should -BeNullOrEmpty

        $second = @(Get-ChatSession | Get-ChatMessage -CursorPath $script:Cursor | Format-Delivered)

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
