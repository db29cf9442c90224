#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The default tables in a 120-column console: whole ids and channels, times with their offset.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    $info = $script:Simulator.Info
    Connect-SimulatorProvider $info
    $script:Sessions = @(
        'RocketChat', 'Bitrix24', 'SuperOffice' | ForEach-Object { Get-ChatSession -Connection $_ -First 3 }
        $info.Kommo.ConversationIds -split ',' | Get-ChatSession -Connection Kommo
    )
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'Get-ChatSession | Format-Table at 120 columns' {
    BeforeAll {
        $script:Table = $script:Sessions | Format-Table | Out-String -Width 120
        $script:Lines = $script:Table -split "`r?`n"
    }

    It 'fits in 120 columns' {
        $script:Lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
    }

    It 'shows every session id whole, Kommo''s GUIDs too' {
        $script:Table | Should -Not -Match '…'
        foreach ($session in $script:Sessions) {
            $script:Table | Should -Match ([regex]::Escape($session.SessionId))
        }
    }

    It 'shows every channel whole' {
        foreach ($channel in ($script:Sessions.Channel | Where-Object { $_ } | Sort-Object -Unique)) {
            $script:Table | Should -Match ([regex]::Escape($channel))
        }
    }

    It 'shows StartedAt with its offset' {
        $started = $script:Sessions | Where-Object StartedAt | Select-Object -First 1
        $script:Table | Should -Match ([regex]::Escape($started.StartedAt.ToString('yyyy-MM-dd HH:mm zzz', [cultureinfo]::InvariantCulture)))
    }
}

Describe 'Get-ChatMessage | Format-Table at 120 columns' {
    It 'shows the time with its offset' {
        $messages = @($script:Sessions | Where-Object Provider -eq SuperOffice | Select-Object -First 1 | Get-ChatMessage -First 3)
        $table = $messages | Format-Table | Out-String -Width 120
        $table | Should -Match ([regex]::Escape($messages[0].Timestamp.ToString('yyyy-MM-dd HH:mm:ss zzz', [cultureinfo]::InvariantCulture)))
    }
}
