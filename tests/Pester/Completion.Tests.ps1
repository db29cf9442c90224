#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 12, point 7: -Channel, -Agent and -Tag complete with what the platform lists, through the
# connection the command line names (or the default one), and a failed lookup completes nothing.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    # RocketChat last: it is the default connection.
    Connect-SimulatorProvider $script:Simulator.Info -Platform Bitrix24, SuperOffice, Kommo, RocketChat

    function script:Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'Get-ChatSession completes' {
    It '<Line>' -ForEach @(
        @{ Line = 'Get-ChatSession -Connection RocketChat -Channel '; Expected = @('deptSales00000001', 'deptSupport000001') }
        @{ Line = 'Get-ChatSession -Connection RocketChat -Agent al'; Expected = @('alice') }
        @{ Line = 'Get-ChatSession -Connection RocketChat -Tag '; Expected = @('vip', 'billing') }
        @{ Line = 'Get-ChatSession -Connection RocketChat -Tag BI'; Expected = @('billing') }
        @{ Line = 'Get-ChatSession -Channel Supp'; Expected = @('deptSupport000001') }
        @{ Line = 'Get-ChatSession -Connection Bitrix24 -OpenLine '; Expected = @('1', '2') }
        @{ Line = 'Get-ChatSession -Connection Bitrix24 -Agent '; Expected = @('1', '7') }
        @{ Line = 'Get-ChatSession -Connection SuperOffice -Topic '; Expected = @('Sales', 'Support', 'Billing') }
        @{ Line = 'Get-ChatSession -Connection SuperOffice -Agent bob'; Expected = @('12') }
    ) {
        (Complete $Line).CompletionText | Should -Be $Expected
    }

    It 'names what an id stands for in the list' {
        $departments = Complete 'Get-ChatSession -Connection RocketChat -Department '
        $departments[0].ListItemText | Should -Be 'deptSales00000001 (Sales)'
        (Complete 'Get-ChatSession -Connection Bitrix24 -Agent ')[1].ToolTip | Should -Be 'Anna Petrova'
    }

    It 'nothing where the platform has nothing to list: <Line>' -ForEach @(
        @{ Line = 'Get-ChatSession -Connection Kommo -Channel ' }
        @{ Line = 'Get-ChatSession -Connection Kommo -Agent ' }
        @{ Line = 'Get-ChatSession -Connection Bitrix24 -Tag ' }
        @{ Line = 'Get-ChatSession -Connection SuperOffice -Tag ' }
    ) {
        Complete $Line | Should -BeNullOrEmpty
    }

    It 'a completed value finds the sessions it names' {
        $topic = (Complete 'Get-ChatSession -Connection SuperOffice -Topic Bil')[0].CompletionText
        $sessions = @(Get-ChatSession -Connection SuperOffice -Topic $topic)
        $sessions.Count | Should -BeGreaterThan 0
        $sessions.Channel | Sort-Object -Unique | Should -Be 'Billing'

        $agent = (Complete 'Get-ChatSession -Connection RocketChat -Agent bo')[0].CompletionText
        @(Get-ChatSession -Connection RocketChat -Agent $agent).AgentName | Sort-Object -Unique | Should -Be 'bob'
    }

    It 'nothing, and no error, when the lookup is refused or the connection does not exist' {
        $info = $script:Simulator.Info.RocketChat
        $token = ConvertTo-SecureString $info.AgentAuthToken -AsPlainText -Force
        Connect-ChatProvider -RocketChat -Url $info.Url -UserId $info.AgentUserId -AuthToken $token -Name rc-agent
        $Error.Clear()

        Complete 'Get-ChatSession -Connection rc-agent -Agent ' | Should -BeNullOrEmpty
        Complete 'Get-ChatSession -Connection nosuch -Channel ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }

    It 'asks the platform once a minute, not at every Tab' {
        $before = Get-SimulatorRequestCount $script:Simulator -PathPrefix '/rocketchat/api/v1/livechat/tags'
        1..3 | ForEach-Object { $null = Complete 'Get-ChatSession -Connection RocketChat -Tag v' }
        (Get-SimulatorRequestCount $script:Simulator -PathPrefix '/rocketchat/api/v1/livechat/tags') - $before | Should -BeLessOrEqual 1
    }
}
