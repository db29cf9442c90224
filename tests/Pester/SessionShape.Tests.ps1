#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 12, point 5: the same session has the same shape whether it was listed or read by id.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    Connect-SimulatorProvider $script:Simulator.Info -Platform RocketChat, Bitrix24, SuperOffice, Kommo

    # Every property of a session but Raw (the platform's own JSON, which differs by method), as text.
    function script:Get-SessionShape($Session, [string[]] $Except = @()) {
        $shape = [ordered]@{}
        foreach ($name in ($Session.PSObject.Properties.Name | Where-Object { $_ -notin @('Raw') + $Except })) {
            $value = $Session.$name
            $shape[$name] = if ($value -is [array]) { $value -join '; ' } elseif ($value -is [DateTimeOffset]) { $value.ToString('o') } else { "$value" }
        }
        $shape
    }
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

# What a by-id read cannot have, documented per platform in docs/providers/<platform>.md:
# Bitrix24's dialog.get names the chat (Title) but not the session's status word; Session.list has
# the status word but no name (one more request per session would be the price).
Describe 'A session read by id on <Connection> has the properties of the listed one' -ForEach @(
    @{ Connection = 'RocketChat'; Except = @() }
    @{ Connection = 'Bitrix24'; Except = @('Title', 'ProviderStatus') }
    @{ Connection = 'SuperOffice'; Except = @() }
) {
    It 'property by property, for open and closed sessions' {
        $all = @(Get-ChatSession -Connection $Connection)
        $listed = @($all | Select-Object -First 4) + @($all | Select-Object -Last 4)
        ($listed.Status | Sort-Object -Unique) | Should -Be @('Closed', 'Open')

        $byId = @(Get-ChatSession -Connection $Connection -SessionId $listed.SessionId)

        $byId.SessionId | Should -Be $listed.SessionId
        for ($i = 0; $i -lt $listed.Count; $i++) {
            $expected = Get-SessionShape $listed[$i] -Except $Except
            $actual = Get-SessionShape $byId[$i] -Except $Except
            foreach ($name in $expected.Keys) {
                $actual[$name] | Should -Be $expected[$name] -Because "$name of session $($listed[$i].SessionId)"
            }
        }
    }
}

Describe 'Bitrix24 by id, as the admin reported it' {
    It 'has StartedAt, EndedAt and MessageCount' {
        $closed = Get-ChatSession -Connection Bitrix24 -Status Closed -First 1
        $read = Get-ChatSession -Connection Bitrix24 -SessionId $closed.SessionId
        $read.StartedAt | Should -Be $closed.StartedAt
        $read.EndedAt | Should -Be $closed.EndedAt
        $read.MessageCount | Should -Be $closed.MessageCount
        $read.MessageCount | Should -Be @(Get-ChatMessage -Connection Bitrix24 -SessionId $closed.SessionId).Count
    }
}

Describe 'Kommo, as the admin reported it' {
    BeforeAll {
        $script:Ids = @($script:Simulator.Info.Kommo.ConversationIds -split ',')
    }

    It 'a conversation that fits one history page has StartedAt (its oldest message) and MessageCount' {
        $sessions = @(Get-ChatSession -Connection Kommo -SessionId $script:Ids)
        $short = $sessions | Where-Object { $_.MessageCount -gt 0 } | Select-Object -First 1
        $short | Should -Not -BeNullOrEmpty
        $messages = @(Get-ChatMessage -Connection Kommo -SessionId $short.SessionId)
        $short.StartedAt | Should -Be $messages[0].Timestamp
        $short.MessageCount | Should -Be $messages.Count
    }

    It 'a longer one leaves them empty rather than paging to its start, and no Kommo session has a status' {
        $sessions = @(Get-ChatSession -Connection Kommo -SessionId $script:Ids)
        $long = @($sessions | Where-Object { $_.LastMessageAt -and $null -eq $_.MessageCount })
        $long.Count | Should -BeGreaterThan 0
        $long | ForEach-Object { $_.StartedAt | Should -BeNullOrEmpty }
        $sessions | ForEach-Object { $_.Status | Should -BeNullOrEmpty; $_.ProviderStatus | Should -BeNullOrEmpty }
    }

    It 'once its messages were read, a longer one has StartedAt too' {
        $long = @(Get-ChatSession -Connection Kommo -SessionId $script:Ids | Where-Object { $_.LastMessageAt -and $null -eq $_.MessageCount })[0]
        $long.StartedAt | Should -BeNullOrEmpty

        $messages = @(Get-ChatSession -Connection Kommo -SessionId $long.SessionId | Get-ChatMessage)
        $again = Get-ChatSession -Connection Kommo -SessionId $long.SessionId

        $again.StartedAt | Should -Be $messages[0].Timestamp
        $again.Status | Should -BeNullOrEmpty
    }
}
