#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Export-ChatHistory as a nightly task uses it: every platform archived, a rerun that writes
# nothing, new messages in new parts, runs killed midway that end with every message exactly once.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    $script:Info = $script:Simulator.Info
    $script:Rocket = $script:Info.RocketChat
    $script:KommoIds = @($script:Info.Kommo.ConversationIds -split ',')
    Connect-SimulatorProvider $script:Info
    function Connect-Rocket([string] $Name = 'RocketChat') {
        # Rocket.Chat's default pace (5 requests a second) would make every full read take seconds.
        $token = ConvertTo-SecureString $script:Rocket.AuthToken -AsPlainText -Force
        Connect-ChatProvider -RocketChat -Url $script:Rocket.Url -UserId $script:Rocket.UserId -AuthToken $token -Name $Name -RequestsPerSecond 1000 -Burst 1000
    }
    Connect-Rocket

    # "<provider> <session> <message>" of every message, as Get-ChatMessage reads them.
    function Format-Message { process { "$($_.Provider) $($_.SessionId) $($_.MessageId)" } }
    function Get-Expected([string[]] $Platform) {
        foreach ($name in $Platform) {
            if ($name -eq 'Kommo') { $script:KommoIds | Get-ChatSession -Connection Kommo | Get-ChatMessage -Connection Kommo | Format-Message }
            else { Get-ChatSession -Connection $name | Get-ChatMessage -Connection $name | Format-Message }
        }
    }

    # The same text for every line of every part file under the folder.
    function Get-Archived([string] $Path) {
        Get-ChildItem $Path -Recurse -File -Filter '*.jsonl' | Get-Content | ForEach-Object { $_ | ConvertFrom-Json } | Format-Message
    }

    # Relative path -> SHA256 of every file the archive keeps for good (its lock files aside).
    function Get-ArchiveState([string] $Path) {
        $state = @{}
        Get-ChildItem $Path -Recurse -File -Force | Where-Object Name -NotLike '*.lock' | ForEach-Object {
            $state[[IO.Path]::GetRelativePath($Path, $_.FullName)] = (Get-FileHash $_.FullName).Hash
        }
        $state
    }

    function New-ArchivePath { Join-Path $TestDrive ([guid]::NewGuid()) }

    $script:Expected = @{}
    foreach ($name in 'RocketChat', 'Bitrix24', 'SuperOffice', 'Kommo') { $script:Expected[$name] = @(Get-Expected $name) }

    # One archive of every platform, shared by the tests that read it in order.
    $script:Archive = New-ArchivePath
    $script:FirstRun = @(
        Export-ChatHistory -Path $script:Archive -Connection RocketChat, Bitrix24, SuperOffice
        $script:KommoIds | Export-ChatHistory -Path $script:Archive -Connection Kommo
    )
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'An archive of every platform' {
    It 'holds every message Get-ChatMessage reads, exactly once' {
        $expected = @($script:Expected.Values | ForEach-Object { $_ }) | Sort-Object
        $archived = @(Get-Archived $script:Archive) | Sort-Object

        $expected.Count | Should -BeGreaterThan 100
        @($archived | Group-Object | Where-Object Count -GT 1) | Should -BeNullOrEmpty
        $archived | Should -Be $expected
        ($script:FirstRun | Measure-Object Messages -Sum).Sum | Should -Be $expected.Count
        ($script:FirstRun | Measure-Object Errors -Sum).Sum | Should -Be 0
        $script:FirstRun[0].GetType().FullName | Should -Be 'ChatHistory.Archive.ChatArchiveSummary'
    }

    It 'keeps one folder per platform and server, and one row per session in sessions.csv' {
        (Get-ChildItem $script:Archive -Directory).Name | Sort-Object | Should -Be @('Bitrix24', 'Kommo', 'RocketChat', 'SuperOffice')
        $rows = @(Import-Csv (Join-Path $script:Archive 'sessions.csv'))
        $sessions = @($script:Expected.Values | ForEach-Object { $_ } | ForEach-Object { ($_ -split ' ')[0, 1] -join ' ' } | Sort-Object -Unique)
        @($rows | ForEach-Object { "$($_.Provider) $($_.SessionId)" } | Sort-Object -Unique) | Should -Be @(
            $rows | ForEach-Object { "$($_.Provider) $($_.SessionId)" } | Sort-Object)
        @($sessions | Where-Object { $_ -notin @($rows | ForEach-Object { "$($_.Provider) $($_.SessionId)" }) }) | Should -BeNullOrEmpty
        $rows[0].StartedAt | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d'
        $rows | Where-Object LastMessageId | Should -Not -BeNullOrEmpty
    }

    It 'writes dates in ISO 8601, enums as names and attachments whole' {
        $lines = Get-ChildItem $script:Archive -Recurse -Filter '*.jsonl' | Get-Content
        $message = $lines[0] | ConvertFrom-Json -AsHashtable
        $message.AuthorRole | Should -BeIn @('Visitor', 'Agent', 'Bot', 'System')
        $lines[0] | Should -Match '"Timestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d"'

        # Each attachment has every field Get-ChatMessage gives it.
        $archived = $lines | ForEach-Object { $_ | ConvertFrom-Json } | Where-Object { $_.Attachments.Count -gt 0 -and $_.Provider -eq 'RocketChat' } | Select-Object -First 1
        $archived | Should -Not -BeNullOrEmpty
        $read = Get-ChatMessage -SessionId $archived.SessionId -Connection RocketChat | Where-Object MessageId -EQ $archived.MessageId
        foreach ($field in 'Name', 'Url', 'Kind', 'ContentType', 'Size') {
            "$($archived.Attachments[0].$field)" | Should -Be "$($read.Attachments[0].$field)" -Because "attachment field $field"
        }
    }

    It 'holds no secret of any connection' {
        $text = (Get-ChildItem $script:Archive -Recurse -File -Force | Get-Content -Raw) -join "`n"
        foreach ($secret in $script:Rocket.AuthToken, $script:Info.SuperOffice.AccessToken, $script:Info.Kommo.ChannelSecret, ($script:Info.Bitrix24.WebhookUrl -split '/')[-2]) {
            $secret | Should -Not -BeNullOrEmpty
            $text.Contains($secret) | Should -BeFalse -Because 'secrets never reach the archive'
        }
    }

    It 'writes nothing new on a second run' {
        $before = Get-ArchiveState $script:Archive

        $again = @(
            Export-ChatHistory -Path $script:Archive -Connection RocketChat, Bitrix24, SuperOffice
            $script:KommoIds | Export-ChatHistory -Path $script:Archive -Connection Kommo
        )

        ($again | Measure-Object Messages -Sum).Sum | Should -Be 0
        ($again | Measure-Object Parts -Sum).Sum | Should -Be 0
        ($again | Measure-Object Sessions -Sum).Sum | Should -Be ($script:FirstRun | Measure-Object Sessions -Sum).Sum
        $after = Get-ArchiveState $script:Archive
        @($after.Keys | Sort-Object) | Should -Be @($before.Keys | Sort-Object)
        foreach ($file in $before.Keys) { $after[$file] | Should -Be $before[$file] -Because "$file must not change" }
    }

    It 'puts a new message of an archived session into a new part file and leaves the old files as they were' {
        $room = (Import-Csv (Join-Path $script:Archive 'sessions.csv') | Where-Object Provider -EQ 'RocketChat' | Select-Object -First 1).SessionId
        $before = Get-ArchiveState $script:Archive
        Add-SimulatorRocketChatMessage $script:Simulator -RoomId $room

        $summary = Export-ChatHistory -Path $script:Archive -Connection RocketChat

        $summary.Messages | Should -Be 1
        $summary.Parts | Should -Be 1
        $after = Get-ArchiveState $script:Archive
        $new = @($after.Keys | Where-Object { -not $before.ContainsKey($_) -and $_ -like '*.jsonl' })
        $new.Count | Should -Be 1
        Split-Path $new[0] -Leaf | Should -Be "$room.0002.jsonl"
        foreach ($file in $before.Keys | Where-Object { $_ -like '*.jsonl' }) { $after[$file] | Should -Be $before[$file] }
        $rocket = @(Get-Archived $script:Archive | Where-Object { $_ -like 'RocketChat *' }) | Sort-Object
        $rocket | Should -Be (@(Get-Expected RocketChat) | Sort-Object)
    }
}

Describe 'Export-ChatHistory options and errors' {
    It '-WhatIf creates nothing, on a new folder or an existing archive' {
        $path = New-ArchivePath
        Export-ChatHistory -Path $path -Connection RocketChat -WhatIf | Should -BeNullOrEmpty
        Test-Path $path | Should -BeFalse

        $before = Get-ArchiveState $script:Archive
        Add-SimulatorRocketChatMessage $script:Simulator -RoomId (Get-ChatSession -Connection RocketChat -First 1).SessionId
        Export-ChatHistory -Path $script:Archive -Connection RocketChat -WhatIf | Should -BeNullOrEmpty
        $after = Get-ArchiveState $script:Archive
        @($after.Keys | Sort-Object) | Should -Be @($before.Keys | Sort-Object)
        foreach ($file in $before.Keys) { $after[$file] | Should -Be $before[$file] }
    }

    It '-SplitBy Day writes one file per UTC day of the messages' {
        $path = New-ArchivePath
        $summary = Export-ChatHistory -Path $path -Connection SuperOffice -SplitBy Day

        $files = @(Get-ChildItem $path -Recurse -Filter '*.jsonl')
        $files.Count | Should -BeGreaterThan 1
        $summary.Messages | Should -Be $script:Expected['SuperOffice'].Count
        foreach ($file in $files) {
            $file.Name | Should -Match '^\d{4}-\d\d-\d\d\.0001\.jsonl$'
            $day = $file.Name.Substring(0, 10)
            Get-Content $file.FullName | ForEach-Object {
                ([DateTimeOffset]::Parse(($_ | ConvertFrom-Json -AsHashtable).Timestamp, [cultureinfo]::InvariantCulture)).UtcDateTime.ToString('yyyy-MM-dd') | Should -Be $day
            }
        }
    }

    It '-IncludeAttachments saves the same files as Save-ChatAttachment, each once, beside its message' {
        $path = New-ArchivePath
        $sessions = Get-ChatSession -Connection RocketChat -First 6
        $oracle = @($sessions | Get-ChatMessage -Connection RocketChat | Save-ChatAttachment -Path (New-ArchivePath))
        $oracle.Count | Should -BeGreaterThan 0

        $summary = $sessions | Export-ChatHistory -Path $path -IncludeAttachments
        $again = $sessions | Export-ChatHistory -Path $path -IncludeAttachments

        $files = @(Get-ChildItem $path -Recurse -File | Where-Object FullName -Like '*attachments*')
        $summary.Files | Should -Be $oracle.Count
        $files.Count | Should -Be $oracle.Count
        @($files | Get-FileHash | ForEach-Object Hash | Sort-Object) | Should -Be @($oracle | Get-FileHash | ForEach-Object Hash | Sort-Object)
        $again.Files | Should -Be 0
        $files | ForEach-Object { $_.Directory.Parent.Parent.Name | Should -Be 'attachments' }
    }

    It 'reports a session that cannot be read and archives the others' {
        $path = New-ArchivePath
        $good = Get-ChatSession -Connection RocketChat -First 2

        $summary = 'NoSuchRoom0000001', $good[0].SessionId, $good[1].SessionId |
            Export-ChatHistory -Path $path -Connection RocketChat -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ChatHistory.*,ChatHistory.PowerShell.Cmdlets.ExportChatHistoryCommand'
        $failures[0].TargetObject | Should -Be 'NoSuchRoom0000001'
        $summary.Errors | Should -Be 1
        $summary.Messages | Should -Be @($good | Get-ChatMessage -Connection RocketChat).Count
    }

    It 'reports a connection that cannot list (Kommo) and archives the others' {
        $path = New-ArchivePath

        $summary = Export-ChatHistory -Path $path -Connection Kommo, SuperOffice -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        "$($failures[0])" | Should -Match 'conversation ids'
        $summary.Errors | Should -Be 1
        $summary.Messages | Should -Be $script:Expected['SuperOffice'].Count
    }

    It 'warns about a damaged cursor entry and goes on' {
        $path = New-ArchivePath
        New-Item -ItemType Directory -Path $path | Out-Null
        Set-Content (Join-Path $path 'cursor.json') '{ "SuperOffice|somewhere|1": null }'

        $summary = Export-ChatHistory -Path $path -Connection SuperOffice -WarningVariable warnings -WarningAction SilentlyContinue

        "$warnings" | Should -Match 'damaged entry'
        $summary.Messages | Should -Be $script:Expected['SuperOffice'].Count
    }

    It 'refuses a folder that another run is writing, before any request' {
        $path = New-ArchivePath
        New-Item -ItemType Directory -Path $path | Out-Null
        $held = [IO.File]::Open((Join-Path $path 'archive.lock'), 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            { Export-ChatHistory -Path $path -Connection SuperOffice -ErrorAction Stop } |
                Should -Throw -ErrorId 'ChatHistory.InvalidArgument,ChatHistory.PowerShell.Cmdlets.ExportChatHistoryCommand' -ExpectedMessage '*in use by another Export-ChatHistory run*'
        }
        finally {
            $held.Dispose()
        }
        @(Get-ChildItem $path -Recurse -Filter '*.jsonl').Count | Should -Be 0
    }

    It 'refuses a -Path that is a file, before any request' {
        $file = Join-Path $TestDrive 'a-file.txt'
        Set-Content $file 'x'

        { Export-ChatHistory -Path $file -Connection RocketChat -ErrorAction Stop } |
            Should -Throw -ErrorId 'ChatHistory.InvalidArgument,ChatHistory.PowerShell.Cmdlets.ExportChatHistoryCommand'
    }
}

Describe 'The README nightly script' {
    It 'signs in from environment variables, archives with no prompt, and exits 0; the next night adds nothing' {
        $path = New-ArchivePath
        $script = @"
Import-Module '$(Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1')'
Connect-ChatProvider -SuperOffice -FromEnvironment -ErrorAction Stop
`$summary = Export-ChatHistory -Path '$path' -Since ([DateTimeOffset]::new(2000, 1, 1, 0, 0, 0, [TimeSpan]::Zero))
`$summary | Format-List | Out-String | Add-Content '$(Join-Path $path 'nightly.log')'
"messages=`$(`$summary.Messages)"
if (-not `$summary -or `$summary.Errors -gt 0) { exit 1 }
"@
        $environment = @{ CHATHISTORY_SUPEROFFICE_URL = $script:Info.SuperOffice.Url; CHATHISTORY_SUPEROFFICE_ACCESSTOKEN = $script:Info.SuperOffice.AccessToken }

        $first = Invoke-FreshPwsh -Script $script -Environment $environment
        $LASTEXITCODE | Should -Be 0 -Because ($first -join "`n")
        $second = Invoke-FreshPwsh -Script $script -Environment $environment
        $LASTEXITCODE | Should -Be 0

        $first | Should -Contain "messages=$($script:Expected['SuperOffice'].Count)"
        $second | Should -Contain 'messages=0'
        Get-Content (Join-Path $path 'nightly.log') -Raw | Should -Not -Match ([regex]::Escape($script:Info.SuperOffice.AccessToken))
    }
}

Describe 'A run interrupted midway' {
    BeforeEach { Clear-SimulatorFault $script:Simulator }
    AfterEach { Clear-SimulatorFault $script:Simulator }

    It 'ends, after the next run, with every message exactly once (<Interruption>)' -ForEach @(
        @{ Interruption = 'SIGTERM to the pwsh running it'; Signal = 'TERM' }
        @{ Interruption = 'SIGKILL to the pwsh running it'; Signal = 'KILL' }
        @{ Interruption = 'the pipeline stopped (Ctrl+C)'; Signal = $null }
    ) {
        if ($Signal -and $IsWindows) { Set-ItResult -Skipped -Because 'kill -TERM / -KILL are POSIX signals'; return }
        $path = New-ArchivePath
        # Slow answers, so that the run is surely interrupted in the middle.
        # Parts are committed every 2 s: the whole run must take several times that.
        Add-SimulatorFault $script:Simulator -Kind Latency -PathPrefix '/rocketchat/api/v1/livechat/' -Times 100000 -LatencyMs 100
        function Wait-Parts([scriptblock] $Ended) {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (@(Get-ChildItem $path -Recurse -Filter '*.jsonl' -ErrorAction SilentlyContinue).Count -lt 8) {
                if ((& $Ended) -or [DateTime]::UtcNow -gt $deadline) { throw 'The run ended or stalled before it could be interrupted.' }
                Start-Sleep -Milliseconds 20
            }
        }

        if ($Signal) {
            $child = @"
Import-Module '$(Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1')'
`$token = ConvertTo-SecureString '$($script:Rocket.AuthToken)' -AsPlainText -Force
Connect-ChatProvider -RocketChat -Url '$($script:Rocket.Url)' -UserId '$($script:Rocket.UserId)' -AuthToken `$token -Name nightly -RequestsPerSecond 1000 -Burst 1000
Export-ChatHistory -Path '$path' -ThrottleLimit 1
"@
            $pwsh = Get-PwshCommand
            $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($child))
            $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)
            $process = Start-Process -FilePath $pwsh[0] -ArgumentList $arguments -PassThru -RedirectStandardError (Join-Path $TestDrive "child-errors-$Signal.txt") -RedirectStandardOutput (Join-Path $TestDrive "child-output-$Signal.txt")
            Wait-Parts { $process.HasExited }
            & kill "-$Signal" $process.Id
            $process.WaitForExit(20000) | Should -BeTrue
        }
        else {
            $powershell = [powershell]::Create()
            $null = $powershell.AddScript({
                    param($Module, $Path)
                    Import-Module $Module
                    Export-ChatHistory -Path $Path -Connection RocketChat -ThrottleLimit 1
                }).AddArgument((Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1')).AddArgument($path)
            $running = $powershell.BeginInvoke()
            Wait-Parts { $running.IsCompleted }
            $powershell.Stop()
            $powershell.Dispose()
            # A stopped run drops what it had not committed, and frees the folder.
            Get-ChildItem $path -Recurse -Force -Filter '*.tmp' | Should -BeNullOrEmpty
        }
        Clear-SimulatorFault $script:Simulator

        $expected = @(Get-Expected RocketChat) | Sort-Object
        $firstRun = @(Get-Archived $path)
        $firstRun.Count | Should -BeLessThan $expected.Count -Because 'the run was interrupted midway'
        $summary = Export-ChatHistory -Path $path -Connection RocketChat

        $archived = @(Get-Archived $path) | Sort-Object
        @($archived | Group-Object | Where-Object Count -GT 1) | Should -BeNullOrEmpty
        $archived | Should -Be $expected
        $summary.Messages | Should -Be ($archived.Count - $firstRun.Count)
        Get-ChildItem $path -Recurse -Force -Filter '*.tmp' | Should -BeNullOrEmpty
        Test-Path (Join-Path $path 'pending-commit.json') | Should -BeFalse
    }
}
