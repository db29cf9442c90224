#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What an admin does with the output: Export-Csv and ConvertTo-Json, as the help documents them.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    $info = $script:Simulator.Info
    Connect-SimulatorProvider $info

    # Two sessions of each platform (Kommo by id: it cannot list) and all their messages.
    $script:Sessions = @(
        'RocketChat', 'Bitrix24', 'SuperOffice' | ForEach-Object { Get-ChatSession -Connection $_ -First 2 }
        ($info.Kommo.ConversationIds -split ',' | Select-Object -First 2) | Get-ChatSession -Connection Kommo
    )
    $script:Messages = @($script:Sessions | Group-Object Connection | ForEach-Object { $_.Group | Get-ChatMessage -Connection $_.Name })
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "chathistory-export-$PID"
    New-Item -ItemType Directory -Force -Path $script:Dir | Out-Null

    function Use-Culture([string] $Name, [scriptblock] $Script) {
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = [cultureinfo]::GetCultureInfo($Name)
            & $Script
        }
        finally {
            [cultureinfo]::CurrentCulture = $saved
        }
    }
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Item $script:Dir -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'Get-ChatMessage | ConvertTo-ChatRecord | Export-Csv' {
    BeforeAll {
        $script:Csv = Join-Path $script:Dir 'messages.csv'
        Use-Culture 'de-DE' { $script:Messages | ConvertTo-ChatRecord | Export-Csv $script:Csv }
        $script:Text = Get-Content $script:Csv -Raw
        $script:Rows = Use-Culture 'en-US' { Import-Csv $script:Csv }
    }

    It 'reads messages of all four platforms' {
        ($script:Messages.Provider | ForEach-Object ToString | Sort-Object -Unique) | Should -Be @('Bitrix24', 'Kommo', 'RocketChat', 'SuperOffice')
        $script:Rows.Count | Should -Be $script:Messages.Count
    }

    It 'writes no type names as values' {
        $script:Text | Should -Not -Match 'System\.String\[\]|ChatHistory\.Model\.|System\.Object\[\]'
    }

    It 'has no Raw column unless asked for, and one with -IncludeRaw' {
        $script:Rows[0].PSObject.Properties.Name | Should -Not -Contain 'Raw'
        ($script:Messages[0] | ConvertTo-ChatRecord -IncludeRaw).Raw | Should -Be $script:Messages[0].Raw
    }

    It 'has one column set for all four platforms' {
        $shapes = $script:Messages | ConvertTo-ChatRecord | ForEach-Object { $_.PSObject.Properties.Name -join ',' } | Sort-Object -Unique
        @($shapes).Count | Should -Be 1
    }

    It 'writes dates a de-DE session and an en-US session read as the same instant' {
        $script:Rows.Timestamp | ForEach-Object { $_ | Should -Match '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+[+-]\d{2}:\d{2}$' }
        $readBack = Use-Culture 'en-US' { $script:Rows | ForEach-Object { [DateTimeOffset]::Parse($_.Timestamp) } }
        $readBack | Should -Be $script:Messages.Timestamp
        ($readBack | ForEach-Object Offset) | Should -Be ($script:Messages.Timestamp | ForEach-Object Offset)
    }

    It 'joins attachments and tags with "; "' {
        $withFiles = $script:Messages | Where-Object AttachmentCount -gt 0 | Select-Object -First 1
        $withFiles.MessageId | Should -Not -BeNullOrEmpty -Because 'the simulator serves messages with files'
        $row = $script:Rows | Where-Object { $_.SessionId -eq $withFiles.SessionId -and $_.MessageId -eq $withFiles.MessageId }
        $row.AttachmentUrls | Should -Be (($withFiles.Attachments.Url | Where-Object { $_ }) -join '; ')
        $row.AttachmentCount | Should -Be "$($withFiles.AttachmentCount)"
    }
}

Describe 'Get-ChatSession | ConvertTo-ChatRecord | Export-Csv' {
    It 'writes Tags, Status and dates as text any culture reads' {
        $csv = Join-Path $script:Dir 'sessions.csv'
        Use-Culture 'de-DE' { $script:Sessions | ConvertTo-ChatRecord | Export-Csv $csv }
        $text = Get-Content $csv -Raw
        $text | Should -Not -Match 'System\.String\[\]'
        $rows = Use-Culture 'en-US' { Import-Csv $csv }
        $rows.Count | Should -Be $script:Sessions.Count
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'Raw'
        $tagged = $script:Sessions | Where-Object { $_.Tags.Count -gt 1 } | Select-Object -First 1
        $tagged.SessionId | Should -Not -BeNullOrEmpty
        ($rows | Where-Object SessionId -eq $tagged.SessionId).Tags | Should -Be ($tagged.Tags -join '; ')
        $started = $script:Sessions | Where-Object StartedAt | Select-Object -First 1
        Use-Culture 'en-US' { [DateTimeOffset]($rows | Where-Object SessionId -eq $started.SessionId).StartedAt } | Should -Be $started.StartedAt
    }

    It 'refuses what is not a session or message, without stopping' {
        $out = @(1, $script:Sessions[0]) | ConvertTo-ChatRecord -ErrorVariable problems -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ChatHistory.InvalidArgument*'
    }
}

Describe 'ConvertTo-Json as the help documents it' {
    It 'keeps enums as names and attachments whole' {
        $withFiles = $script:Messages | Where-Object AttachmentCount -gt 0 | Select-Object -First 1
        $documented = (Get-Help ConvertTo-ChatRecord -Full | Out-String)
        $documented | Should -Match 'ConvertTo-Json -Depth 4 -EnumsAsStrings'
        $withFiles.MessageId | Should -Not -BeNullOrEmpty
        $json = $withFiles | ConvertTo-Json -Depth 4 -EnumsAsStrings
        $json | Should -Not -Match 'ChatHistory\.Model\.ChatAttachment'
        $back = $json | ConvertFrom-Json
        $back.AuthorRole | Should -Be $withFiles.AuthorRole.ToString()
        $back.Provider | Should -Be $withFiles.Provider.ToString()
        @($back.Attachments).Count | Should -Be $withFiles.AttachmentCount
        $back.Attachments[0].Url | Should -Be $withFiles.Attachments[0].Url
        $back.Attachments[0].Name | Should -Be $withFiles.Attachments[0].Name
    }
}
