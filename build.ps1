#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages or demonstrates the ChatHistory module.
.DESCRIPTION
    A thin wrapper over dotnet: `dotnet build` alone lays out the importable module in
    out/ChatHistory/<version>/. Test runs xunit, then the Pester tests in a fresh pwsh (Pester 5.9.1
    from the NuGet cache), and prints one line that counts both. Package builds Release and writes
    out/package/ChatHistory.<version>.nupkg (no .pdb unless -IncludeSymbols), which
    Install-PSResource installs from that folder. Demo starts the simulator and runs
    Get-ChatSession | Get-ChatMessage | ConvertTo-ChatRecord | Export-Csv against it, then
    Export-ChatHistory twice (the second run finds nothing new).
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Package: keep the .pdb files in the .nupkg.
    [switch] $IncludeSymbols
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'tests/Pester/TestHelpers.psm1') -Force

# A simple function on purpose: $args passes dotnet's own switches (-c) through untouched.
function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    Invoke-Dotnet build (Join-Path $PSScriptRoot 'ChatHistory.sln') -c $Configuration
}

function Get-PesterManifest {
    # The test project downloads Pester into the NuGet cache (PackageDownload): no gallery needed.
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $manifest = Join-Path $packages 'pester/5.9.1/tools/Pester.psd1'
    if (-not (Test-Path $manifest)) { throw "Pester 5.9.1 is not in the NuGet cache ($manifest): run 'dotnet restore ChatHistory.sln'." }
    $manifest
}

function Read-XunitCounts([string] $ResultsDir) {
    $counts = @{ passed = 0; failed = 0; skipped = 0 }
    foreach ($trx in Get-ChildItem $ResultsDir -Filter '*.trx' -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
        $counts.passed += [int]$counters.passed
        $counts.failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $counts.skipped += [int]$counters.total - [int]$counters.executed
    }
    $counts
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $PSScriptRoot 'out/test-results'
    Remove-Item $results -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force -Path $results | Out-Null

    & dotnet test (Join-Path $PSScriptRoot 'ChatHistory.sln') -c $Configuration --no-build --logger trx --results-directory $results
    $xunitExit = $LASTEXITCODE

    # The Pester tests run in a fresh pwsh: nothing this script imported can mask a loading defect.
    $summaryPath = Join-Path $results 'pester-summary.json'
    $env:CHATHISTORY_CONFIGURATION = $Configuration
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'tests/Pester/Invoke-PesterSuite.ps1') `
        -PesterManifest (Get-PesterManifest) -SummaryPath $summaryPath
    $pester = if (Test-Path $summaryPath) { Get-Content $summaryPath -Raw | ConvertFrom-Json } else { [pscustomobject]@{ passed = 0; failed = 1; skipped = 0 } }

    $xunit = Read-XunitCounts $results
    if ($xunitExit -ne 0 -and $xunit.failed -eq 0) { $xunit.failed = 1 }   # the runner itself failed
    $passed = $xunit.passed + $pester.passed
    $failed = $xunit.failed + $pester.failed
    $skipped = $xunit.skipped + $pester.skipped
    Write-Host "xunit: $($xunit.passed) passed, $($xunit.failed) failed; Pester: $($pester.passed) passed, $($pester.failed) failed"
    $line = "tests: $passed passed, $failed failed" + $(if ($skipped) { ", $skipped skipped" } else { '' })
    Write-Host $line
    if ($failed -gt 0 -or $xunit.passed -eq 0 -or $pester.passed -eq 0) { exit 1 }
}

function Invoke-Package {
    $script:Configuration = 'Release'
    Invoke-Build
    $package = & (Join-Path $PSScriptRoot 'tools/New-ModulePackage.ps1') -ModuleDirectory (Get-BuiltModuleDirectory -Configuration $Configuration) `
        -OutputDirectory (Join-Path $PSScriptRoot 'out/package') -IncludeSymbols:$IncludeSymbols
    Write-Host "Package: $($package.FullName)"
}

function Invoke-Demo {
    Invoke-Build
    $simulator = Start-TestSimulator -Configuration $Configuration
    try {
        Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
        Connect-SimulatorProvider $simulator.Info
        Get-ChatConnection | Format-Table | Out-Host

        Write-Host 'The first three Rocket.Chat sessions:' -ForegroundColor Cyan
        Get-ChatSession -Connection RocketChat -First 3 | Format-Table | Out-Host

        $csv = Join-Path $PSScriptRoot 'out/demo/messages.csv'
        New-Item -ItemType Directory -Force -Path (Split-Path $csv) | Out-Null
        # Kommo cannot list conversations: its ids come as a CSV of ids would give them.
        $kommoIds = $simulator.Info.Kommo.ConversationIds -split ',' | ForEach-Object { [pscustomobject]@{ ConversationId = $_ } }
        & {
            'RocketChat', 'Bitrix24', 'SuperOffice' | ForEach-Object { Get-ChatSession -Connection $_ | Get-ChatMessage }
            $kommoIds | Get-ChatSession -Connection Kommo | Get-ChatMessage
        } | ConvertTo-ChatRecord | Export-Csv -Path $csv

        $rows = Import-Csv $csv
        Write-Host "Exported $($rows.Count) messages to $csv" -ForegroundColor Cyan
        $rows | Group-Object Provider | Select-Object @{ n = 'Platform'; e = { $_.Name } }, @{ n = 'Messages'; e = { $_.Count } } | Format-Table | Out-Host
        $rows | Group-Object Provider, AuthorRole | Select-Object Name, Count | Format-Table | Out-Host

        $archive = Join-Path $PSScriptRoot 'out/demo/archive'
        Remove-Item $archive -Recurse -Force -ErrorAction SilentlyContinue
        # Without -IncludeAttachments: the simulator's files (over 100 MB) would take minutes at the platforms' rates.
        Write-Host "The nightly archive into $archive, then the same commands again:" -ForegroundColor Cyan
        foreach ($night in 1, 2) {
            & {
                Export-ChatHistory -Path $archive -Connection RocketChat, Bitrix24, SuperOffice
                $kommoIds | Export-ChatHistory -Path $archive -Connection Kommo
            } | Format-Table | Out-Host
        }
    }
    finally {
        # Only when the import worked: otherwise this would hide the real error behind another one.
        if (Get-Module ChatHistory) { Disconnect-ChatProvider -All }
        Stop-TestSimulator $simulator
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
    'Demo' { Invoke-Demo }
}
