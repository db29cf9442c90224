#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Help as an admin reads it: paging parameters, an about topic, and what is really required.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
}

AfterAll {
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'Paging parameters in the help' {
    It '<Command> describes -<Parameter>' -ForEach @(
        foreach ($command in 'Get-ChatSession', 'Get-ChatMessage') {
            foreach ($parameter in 'First', 'Skip', 'IncludeTotalCount') { @{ Command = $command; Parameter = $parameter } }
        }
    ) {
        $help = Get-Help $Command -Parameter $Parameter
        ($help.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
        ((Get-Help $Command).Syntax | Out-String) | Should -Match "-$Parameter"
    }
}

Describe 'Connect-ChatProvider help' {
    It 'does not show -Url as required: Bitrix24 webhooks, Kommo and -FromEnvironment do without it' {
        (Get-Help Connect-ChatProvider -Parameter Url).required | Should -Be 'false'
        $webhookSyntax = (Get-Help Connect-ChatProvider).Syntax.SyntaxItem | Where-Object { $_.Parameter.Name -contains 'WebhookUrl' }
        $webhookSyntax.Parameter.Name | Should -Not -Contain 'Url'
        $tokenSyntax = (Get-Help Connect-ChatProvider).Syntax.SyntaxItem | Where-Object { $_.Parameter.Name -contains 'UserId' }
        ($tokenSyntax.Parameter | Where-Object Name -eq Url).required | Should -Be 'true'
    }

    It 'documents every variable -FromEnvironment reads' {
        $text = Get-Help Connect-ChatProvider -Parameter FromEnvironment | Out-String
        foreach ($name in 'CHATHISTORY_ROCKETCHAT_AUTHTOKEN', 'CHATHISTORY_BITRIX24_WEBHOOKURL', 'CHATHISTORY_SUPEROFFICE_ACCESSTOKEN', 'CHATHISTORY_KOMMO_CHANNELSECRET') {
            $text | Should -Match $name
        }
    }
}

Describe 'Get-ChatSession -Agent and -Tag' {
    It 'say they accept wildcards' {
        (Get-Help Get-ChatSession -Parameter Agent).globbing | Should -Be 'true'
        (Get-Help Get-ChatSession -Parameter Tag).globbing | Should -Be 'true'
    }
}

Describe 'about_ChatHistory' {
    BeforeAll {
        $script:About = Get-Help about_ChatHistory | Out-String
    }

    It 'covers <_>' -ForEach @('CONNECTIONS', 'THE CURSOR FILE', 'ERRORS', 'SCHEDULED TASKS', 'EXPORTS') {
        $script:About | Should -Match $_
    }

    It 'names the error ids and the environment variables' {
        $script:About | Should -Match 'ChatHistory\.Throttled'
        $script:About | Should -Match 'CHATHISTORY_KOMMO_SCOPEID'
        $script:About | Should -Match '-CursorPath'
    }
}

Describe 'Completion of zone names' {
    It 'completes -<_> from part of a zone name' -ForEach @('TimeZone', 'ArchiveTimeZone') {
        $line = "Connect-ChatProvider -SuperOffice -Url https://x -AccessToken `$t -$_ Oslo"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $expected = (Get-TimeZone -ListAvailable | Where-Object Id -like '*Oslo*' | Select-Object -First 1).Id
        $expected | Should -Not -BeNullOrEmpty -Because 'this machine knows the Oslo zone'
        $completions.CompletionText | Should -Contain $expected
    }
}
