#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Long reads say how far they are: Get-ChatSession shows progress at once, and both show a rate,
# with percent and time left when -First gives the total.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Manifest = Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1'
    $script:Simulator = Start-TestSimulator
    # Progress records are collected by the PowerShell API, not by redirection: run the command in
    # a runspace of its own and read its Progress stream.
    function Get-ProgressOf([string] $Command) {
        $info = $script:Simulator.Info.RocketChat
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript(@"
Import-Module '$script:Manifest'
Connect-ChatProvider -RocketChat -Url '$($info.Url)' -UserId '$($info.UserId)' -AuthToken (ConvertTo-SecureString '$($info.AuthToken)' -AsPlainText -Force)
$Command | Out-Null
"@)
            $null = $ps.Invoke()
            $ps.Streams.Error | ForEach-Object { throw $_ }
            @($ps.Streams.Progress)
        }
        finally {
            $ps.Dispose()
        }
    }
}

AfterAll {
    Clear-SimulatorFault $script:Simulator
    Stop-TestSimulator $script:Simulator
}

Describe 'Get-ChatSession progress' {
    It 'shows a record before the first page arrives, and one that completes' {
        $records = Get-ProgressOf 'Get-ChatSession -First 3'
        $records[0].Activity | Should -Match 'Listing chat sessions from RocketChat'
        $records[0].StatusDescription | Should -Match 'first page'
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'shows count, rate and percent of -First on a slow listing' {
        Add-SimulatorFault $script:Simulator -Kind Latency -PathPrefix '/rocketchat/api/v1/livechat/rooms' -Times 100
        try {
            $records = Get-ProgressOf 'Get-ChatSession -First 40 -PageSize 5'
        }
        finally {
            Clear-SimulatorFault $script:Simulator
        }
        $counting = @($records | Where-Object { $_.StatusDescription -match '^\d+ sessions, [\d.]+/s$' })
        $counting.Count | Should -BeGreaterThan 0
        $counting | ForEach-Object { $_.PercentComplete | Should -BeGreaterOrEqual 0; $_.PercentComplete | Should -BeLessOrEqual 100 }
    }
}

Describe 'Get-ChatMessage progress' {
    It 'shows percent of -First and a rate on a slow read' {
        Add-SimulatorFault $script:Simulator -Kind Latency -PathPrefix '/rocketchat/api/v1/livechat/' -Times 100
        try {
            $records = Get-ProgressOf 'Get-ChatSession -First 20 | Get-ChatMessage -First 12 -PageSize 2 -ThrottleLimit 1'
        }
        finally {
            Clear-SimulatorFault $script:Simulator
        }
        $counting = @($records | Where-Object { $_.Activity -match 'Reading chat messages' -and $_.RecordType -ne 'Completed' })
        $counting.Count | Should -BeGreaterThan 0
        $counting[-1].StatusDescription | Should -Match '^\d+ messages, [\d.]+/s from \d+ sessions'
        $counting[-1].PercentComplete | Should -BeGreaterThan 0
    }
}

Describe 'Export-ChatHistory progress' {
    It 'shows a record at once, the messages written and a rate on a slow read, and one that completes' {
        $path = Join-Path $TestDrive 'archive'
        Add-SimulatorFault $script:Simulator -Kind Latency -PathPrefix '/rocketchat/api/v1/livechat/' -Times 100
        try {
            $records = Get-ProgressOf "Get-ChatSession -First 6 | Export-ChatHistory -Path '$path' -ThrottleLimit 1"
        }
        finally {
            Clear-SimulatorFault $script:Simulator
        }
        $archiving = @($records | Where-Object Activity -Match 'Reading chat messages from RocketChat')
        $archiving[0].StatusDescription | Should -Match 'first page'
        @($archiving | Where-Object { $_.StatusDescription -match '^\d+ messages, [\d.]+/s from \d+ sessions' }).Count | Should -BeGreaterThan 0
        $archiving[-1].RecordType | Should -Be 'Completed'
    }
}
