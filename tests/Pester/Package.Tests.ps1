#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# A package a user can install: the .nupkg that build.ps1 -Task Package writes (through
# tools/New-ModulePackage.ps1, run here on the module already built), registered as a folder
# repository, installed with Install-PSResource, imported by name and run.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModuleDir = Get-BuiltModuleDirectory
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) "chathistory-install-$PID"
    $script:Feed = Join-Path $script:Root 'feed'
    # On Linux and macOS, PSResourceGet's repository list and the CurrentUser module folder are
    # under HOME (~/.local/share): a fresh pwsh with HOME pointed here leaves the real ones untouched.
    $script:UserHome = Join-Path $script:Root 'home'
    New-Item -ItemType Directory -Force -Path $script:Feed, $script:UserHome | Out-Null
    $script:Package = & (Join-Path $PSScriptRoot '../../tools/New-ModulePackage.ps1') -ModuleDirectory $script:ModuleDir -OutputDirectory $script:Feed
    $script:Simulator = Start-TestSimulator
}

AfterAll {
    Stop-TestSimulator $script:Simulator
    Remove-Item $script:Root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The .nupkg' {
    BeforeAll {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($script:Package.FullName)
        try { $script:Entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
    }

    It 'is named for the module version' {
        $script:Package.Name | Should -Be "ChatHistory.$(Get-ModuleVersion).nupkg"
    }

    It 'carries the module, its help, LICENSE and CHANGELOG, and no .pdb' {
        foreach ($file in 'ChatHistory.psd1', 'ChatHistory.PowerShell.dll', 'ChatHistory.Loader.dll', 'Dependencies/ChatHistory.Core.dll',
            'en-US/ChatHistory.PowerShell.dll-Help.xml', 'en-US/about_ChatHistory.help.txt', 'LICENSE', 'CHANGELOG.md') {
            $script:Entries | Should -Contain $file
        }
        $script:Entries | Where-Object { $_ -like '*.pdb' } | Should -BeNullOrEmpty
        Test-Path (Join-Path $script:ModuleDir 'ChatHistory.PowerShell.pdb') | Should -BeTrue -Because 'the build has symbols the package leaves out'
    }

    It 'has the gallery metadata: tags for every platform, release notes' {
        $manifest = Import-PowerShellDataFile (Join-Path $script:ModuleDir 'ChatHistory.psd1')
        $manifest.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
        foreach ($tag in 'Windows', 'Linux', 'MacOS') { $manifest.PrivateData.PSData.Tags | Should -Contain $tag }
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.Keys | Should -Not -Contain 'ProjectUri' -Because 'there is no public address yet, and a made-up one sends users nowhere'
    }
}

Describe 'Install-PSResource from a folder repository' {
    It 'installs, imports by name and runs in a fresh pwsh' {
        $rocket = $script:Simulator.Info.RocketChat
        $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name ChatHistoryTestFeed -Uri '$($script:Feed)' -Trusted
try {
    Install-PSResource -Name ChatHistory -Repository ChatHistoryTestFeed -Scope CurrentUser -TrustRepository
    `$installed = Get-InstalledPSResource -Name ChatHistory
    "installed `$(`$installed.Version) at `$(`$installed.InstalledLocation)"
    Import-Module ChatHistory
    "loaded from `$((Get-Module ChatHistory).ModuleBase)"
    Connect-ChatProvider -RocketChat -FromEnvironment
    "sessions `$(@(Get-ChatSession -First 2 | ConvertTo-ChatRecord).Count)"
    if (`$IsWindows) { Uninstall-PSResource -Name ChatHistory -Scope CurrentUser }
}
finally {
    Unregister-PSResourceRepository -Name ChatHistoryTestFeed
}
"@
        $output = Invoke-FreshPwsh -Script $script -Environment @{
            HOME = $script:UserHome
            CHATHISTORY_ROCKETCHAT_URL = $rocket.Url; CHATHISTORY_ROCKETCHAT_USERID = $rocket.UserId; CHATHISTORY_ROCKETCHAT_AUTHTOKEN = $rocket.AuthToken
        }
        $text = $output -join "`n"
        $LASTEXITCODE | Should -Be 0 -Because $text
        $text | Should -Match "installed $([regex]::Escape((Get-ModuleVersion)))"
        if (-not $IsWindows) { $text | Should -Match ([regex]::Escape("loaded from $($script:UserHome)")) }
        $text | Should -Match 'sessions 2'
    }
}
