#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The module as a new session meets it: each import runs in its own fresh pwsh, the way a user's
# first command, a scheduled task or a session that already holds Az or Graph would load it.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModuleDir = Get-BuiltModuleDirectory
    $script:Manifest = Join-Path $script:ModuleDir 'ChatHistory.psd1'
    $script:Simulator = Start-TestSimulator
    $rocket = $script:Simulator.Info.RocketChat
    # Lines a child script starts with to read one Rocket.Chat session's messages (demo values only).
    $script:ConnectAndRead = @"
`$token = ConvertTo-SecureString '$($rocket.AuthToken)' -AsPlainText -Force
Connect-ChatProvider -RocketChat -Url '$($rocket.Url)' -UserId '$($rocket.UserId)' -AuthToken `$token
`$messages = @(Get-ChatSession -First 1 | Get-ChatMessage)
"messages=`$(`$messages.Count)"
"@

    function Get-PackageFile([string] $Id, [string] $Version, [string] $File) {
        $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
        $path = Join-Path $packages "$($Id.ToLowerInvariant())/$Version/lib/netstandard2.0/$File"
        if (-not (Test-Path $path)) { throw "$path is missing: the test project downloads it, run 'dotnet restore'." }
        $path
    }
}

AfterAll {
    Stop-TestSimulator $script:Simulator
}

Describe 'Importing ChatHistory in a fresh pwsh' {
    It 'imports by path with no preparation and exports the eight cmdlets' {
        $output = Invoke-FreshPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:Manifest'
"commands=`$((Get-Command -Module ChatHistory).Count)"
"@
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'commands=8'
    }

    It 'autoloads from a folder on PSModulePath when a cmdlet is first called' {
        $modulesRoot = Split-Path (Split-Path $script:ModuleDir -Parent) -Parent
        $output = Invoke-FreshPwsh -Environment @{ PSModulePath = "$modulesRoot$([IO.Path]::PathSeparator)$env:PSModulePath" } -Script @"
`$ErrorActionPreference = 'Stop'
try { Get-ChatSession } catch { "error=`$(`$_.FullyQualifiedErrorId)" }
"loaded=`$([bool](Get-Module ChatHistory))"
"@
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'loaded=True'
        # Autoloaded, the cmdlet ran and asked for a connection: the module's own error, not CommandNotFound.
        ($output | Where-Object { $_ -like 'error=*' }) | Should -BeLike 'error=ChatHistory.InvalidArgument,*'
    }

    It 'reads messages after older Polly.Core and Microsoft.Extensions.Http were loaded, as Az or Graph would' {
        $older = @(
            Get-PackageFile 'Polly.Core' '8.1.0' 'Polly.Core.dll'
            Get-PackageFile 'Microsoft.Extensions.Http' '6.0.0' 'Microsoft.Extensions.Http.dll'
        )
        $output = Invoke-FreshPwsh -Script @"
`$ErrorActionPreference = 'Stop'
'$($older -join "','")' | ForEach-Object { `$null = [Reflection.Assembly]::LoadFrom(`$_) }
Import-Module '$script:Manifest'
$script:ConnectAndRead
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'Polly.Core', 'Microsoft.Extensions.Http' } |
    ForEach-Object { "{0} {1} {2}" -f `$_.GetName().Name, `$_.GetName().Version, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
"@
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        [int](($output | Where-Object { $_ -like 'messages=*' }) -replace 'messages=') | Should -BeGreaterThan 0
        # Both copies live side by side: the older in the default context, the module's in its own.
        $output | Should -Contain 'Microsoft.Extensions.Http 6.0.0.0 Default'
        $output | Should -Contain 'Microsoft.Extensions.Http 8.0.0.0 ChatHistory'
        @($output | Where-Object { $_ -like 'Polly.Core * ChatHistory' }).Count | Should -Be 1
    }

    It 'shares System.Text.Json with the runtime instead of loading a private copy' {
        $output = Invoke-FreshPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:Manifest'
$script:ConnectAndRead
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name -eq 'ChatHistory' } |
    ForEach-Object { "private=" + `$_.GetName().Name }
"@
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'private=ChatHistory.Core'
        $output | Should -Not -Contain 'private=System.Text.Json'
        $output | Should -Not -Contain 'private=System.Diagnostics.DiagnosticSource'
    }
}
