#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# One vocabulary for every platform, and parameters that take what the objects give.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    $info = $script:Simulator.Info
    Connect-SimulatorProvider $info -Platform RocketChat, Bitrix24, SuperOffice
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'Status holds Open or Closed on <_>' -ForEach @('RocketChat', 'Bitrix24', 'SuperOffice') {
    BeforeAll {
        $script:All = @(Get-ChatSession -Connection $_)
    }

    It 'Where-Object Status -eq Closed finds what -Status Closed finds' {
        $closed = @($script:All | Where-Object Status -eq Closed)
        $closed.Count | Should -BeGreaterThan 0
        $closed.SessionId | Should -Be @(Get-ChatSession -Connection $_ -Status Closed).SessionId
        @($script:All | Where-Object Status -eq Open).SessionId | Should -Be @(Get-ChatSession -Connection $_ -Status Open).SessionId
    }

    It 'uses no other word' {
        $script:All.Status | Sort-Object -Unique | ForEach-Object { $_ | Should -BeIn @('Open', 'Closed') }
    }
}

Describe 'The platform''s own word' {
    It 'is in ProviderStatus (SuperOffice: Ended and Missed are Closed)' {
        $sessions = Get-ChatSession -Connection SuperOffice
        ($sessions | Where-Object ProviderStatus -in 'Ended', 'Missed').Status | Sort-Object -Unique | Should -Be 'Closed'
        ($sessions | Where-Object ProviderStatus -in 'Requested', 'Started').Status | Sort-Object -Unique | Should -Be 'Open'
    }
}

Describe '-Agent and -Tag match what the table shows' {
    It '-Agent <Agent> on <Connection> finds the sessions whose AgentName or AgentId matches' -ForEach @(
        @{ Connection = 'RocketChat'; Agent = 'ALICE'; Name = 'alice' }
        @{ Connection = 'SuperOffice'; Agent = 'alice agent'; Name = 'Alice Agent' }
        @{ Connection = 'SuperOffice'; Agent = 'ali*'; Name = 'Alice Agent' }
    ) {
        $expected = @(Get-ChatSession -Connection $Connection | Where-Object AgentName -eq $Name)
        $expected.Count | Should -BeGreaterThan 0
        @(Get-ChatSession -Connection $Connection -Agent $Agent).SessionId | Should -Be $expected.SessionId
    }

    It '-Agent takes an id as well' {
        $first = Get-ChatSession -Connection RocketChat | Where-Object AgentId | Select-Object -First 1
        $found = @(Get-ChatSession -Connection RocketChat -Agent $first.AgentId)
        $found.Count | Should -BeGreaterThan 0
        $found.AgentId | Sort-Object -Unique | Should -Be $first.AgentId
    }

    It '-Tag VIP finds the sessions tagged vip, and -Tag v* too' {
        $expected = @(Get-ChatSession -Connection RocketChat | Where-Object { $_.Tags -contains 'vip' })
        $expected.Count | Should -BeGreaterThan 0
        @(Get-ChatSession -Connection RocketChat -Tag VIP).SessionId | Should -Be $expected.SessionId
        @(Get-ChatSession -Connection RocketChat -Tag 'V*').SessionId | Should -Be @(Get-ChatSession -Connection RocketChat | Where-Object { $_.Tags -like 'v*' }).SessionId
    }
}

Describe 'Dates from one cmdlet fit the next' {
    It '-Since (Get-ChatSession -First 1).StartedAt works on Get-ChatSession' {
        $first = Get-ChatSession -Connection RocketChat -First 1
        $first.StartedAt | Should -BeOfType [DateTimeOffset]
        $later = @(Get-ChatSession -Connection RocketChat -Since $first.StartedAt)
        $later.Count | Should -BeGreaterThan 0
        $later | ForEach-Object { $_.StartedAt | Should -BeGreaterOrEqual $first.StartedAt }
        @(Get-ChatSession -Connection RocketChat -Until $first.StartedAt) | Where-Object SessionId -eq $first.SessionId | Should -BeNullOrEmpty
    }

    It 'a message Timestamp works as Get-ChatMessage -Since, and a DateTime still does' {
        $session = Get-ChatSession -Connection SuperOffice -First 1
        $messages = @($session | Get-ChatMessage)
        $middle = $messages[[int]($messages.Count / 2)].Timestamp
        $since = @($session | Get-ChatMessage -Since $middle)
        $since.Count | Should -BeGreaterThan 0
        $since | ForEach-Object { $_.Timestamp | Should -BeGreaterOrEqual $middle }
        @($session | Get-ChatMessage -Since $middle.UtcDateTime).Count | Should -Be $since.Count
    }
}
