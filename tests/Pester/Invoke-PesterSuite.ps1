#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester tests in this folder (in the pwsh that runs this script) and writes their counts.
.DESCRIPTION
    build.ps1 starts this in a fresh pwsh so that nothing the build imported leaks into the tests.
    Pester comes from the NuGet cache (the test project downloads it), not from a gallery.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string[]] $Path = $PSScriptRoot
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $config

# A block whose BeforeAll failed counts its tests as failed already; a container that could not even
# be discovered (a syntax error) counts once, so that it can never pass silently.
[ordered]@{
    passed  = $result.PassedCount
    failed  = $result.FailedCount + $result.FailedContainersCount
    skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -Path $SummaryPath
