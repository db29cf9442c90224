<#
.SYNOPSIS
    The pwsh child of the bench's memory mode: reads the Rocket.Chat simulator the bench runs
    through the built module, as a user does, and prints one key=value line like memory-read's.
.DESCRIPTION
    The auth token comes from the environment variable CHATHISTORY_BENCH_AUTHTOKEN, never from the
    command line, and is removed from this process's environment once read.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [string] $UserId,
    [Parameter(Mandatory)] [int] $Passes
)

$ErrorActionPreference = 'Stop'
# Rendering a progress bar per page would cost more than reading it.
$ProgressPreference = 'SilentlyContinue'

$token = ConvertTo-SecureString $env:CHATHISTORY_BENCH_AUTHTOKEN -AsPlainText -Force
Remove-Item Env:CHATHISTORY_BENCH_AUTHTOKEN

Import-Module $ModulePath
Connect-ChatProvider -RocketChat -Url $Url -UserId $UserId -AuthToken $token | Out-Null
$sessions = @(Get-ChatSession)
# The same sessions $Passes times over, as one array: the pipeline below then runs no script block per object.
$repeated = $sessions * $Passes

$process = [Diagnostics.Process]::GetCurrentProcess()
$heapBefore = [GC]::GetTotalMemory($true)
$process.Refresh()
$workingSetBefore = $process.WorkingSet64

$clock = [Diagnostics.Stopwatch]::StartNew()
$messages = ($repeated | Get-ChatMessage -PageSize 100 -ThrottleLimit 4 | Measure-Object).Count
$clock.Stop()

# What the read left behind, with the connection still open.
$heapAfter = [GC]::GetTotalMemory($true)
$process.Refresh()
$configuration = (Get-Module ChatHistory).ImplementingAssembly.GetCustomAttributes([Reflection.AssemblyConfigurationAttribute], $false).Configuration

[string]::Format([cultureinfo]::InvariantCulture,
    'messages={0} seconds={1:0.0} workingSetBefore={2} peakWorkingSet={3} heapBefore={4} heapAfter={5} jitMethods={6} configuration={7}',
    $messages, $clock.Elapsed.TotalSeconds, $workingSetBefore, $process.PeakWorkingSet64, $heapBefore, $heapAfter,
    [Runtime.JitInfo]::GetCompiledMethodCount($false), $configuration)
