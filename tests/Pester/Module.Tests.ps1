#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The module as a user first meets it: manifest, exported commands, help.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModuleDir = Get-BuiltModuleDirectory
    Import-Module (Join-Path $script:ModuleDir 'ChatHistory.psd1') -Force
}

AfterAll {
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'The ChatHistory module' {
    It 'has a valid manifest' {
        $manifest = Test-ModuleManifest -Path (Join-Path $script:ModuleDir 'ChatHistory.psd1')
        $manifest.Version | Should -Be ([version](Get-ModuleVersion))
        $manifest.CompatiblePSEditions | Should -Contain 'Core'
    }

    It 'exports exactly the eight cmdlets' {
        $names = (Get-Command -Module ChatHistory).Name | Sort-Object
        $names | Should -Be @('Connect-ChatProvider', 'ConvertTo-ChatRecord', 'Disconnect-ChatProvider', 'Export-ChatHistory', 'Get-ChatConnection', 'Get-ChatMessage', 'Get-ChatSession', 'Save-ChatAttachment')
    }

    It 'supports paging on <_>' -ForEach @('Get-ChatSession', 'Get-ChatMessage') {
        (Get-Command $_).Parameters.Keys | Should -Contain 'First'
        (Get-Command $_).Parameters.Keys | Should -Contain 'Skip'
    }

    It 'declares the output type of <_>' -ForEach @('Get-ChatSession', 'Get-ChatMessage', 'Get-ChatConnection', 'Save-ChatAttachment', 'Export-ChatHistory') {
        (Get-Command $_).OutputType.Name | Should -Not -BeNullOrEmpty
    }

    It 'loads its dependencies into its own load context' {
        $engine = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ChatHistory.Core' }
        $engine | Should -Not -BeNullOrEmpty
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine[0]).Name | Should -Be 'ChatHistory'
    }
}

Describe 'Help for <_>' -ForEach @('Connect-ChatProvider', 'ConvertTo-ChatRecord', 'Disconnect-ChatProvider', 'Get-ChatConnection', 'Get-ChatSession', 'Get-ChatMessage', 'Save-ChatAttachment', 'Export-ChatHistory') {
    BeforeAll {
        $script:Help = Get-Help $_ -Full
    }

    It 'has a synopsis' {
        $script:Help.Synopsis | Should -Not -BeNullOrEmpty
        $script:Help.Synopsis | Should -Not -Match '^\s*Get-|^\s*Connect-|^\s*Disconnect-'
    }

    It 'has a description' {
        ($script:Help.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples' {
        @($script:Help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' {
        foreach ($parameter in @($script:Help.Parameters.Parameter)) {
            ($parameter.Description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
        }
    }
}
