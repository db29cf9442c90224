# Shared by build.ps1 and the Pester tests: where the built module is, and the standalone simulator.
Set-StrictMode -Version Latest

$script:RepoRoot = Resolve-Path (Join-Path $PSScriptRoot '../..')

function Get-ModuleVersion {
    $props = Get-Content (Join-Path $script:RepoRoot 'Directory.Build.props') -Raw
    if ($props -notmatch '<ModuleVersion>([^<]+)</ModuleVersion>') { throw 'ModuleVersion not found in Directory.Build.props' }
    $Matches[1]
}

function Get-BuiltModuleDirectory {
    param([string] $Configuration = 'Debug')
    $dir = Join-Path $script:RepoRoot "out/ChatHistory/$(Get-ModuleVersion)"
    if (-not (Test-Path (Join-Path $dir 'ChatHistory.psd1'))) {
        throw "The module is not built: run 'dotnet build' (or ./build.ps1) first. Looked in $dir"
    }
    $dir
}

function Get-PwshCommand {
    <#
    .SYNOPSIS
        The command line that starts another pwsh like this one: the executable, or dotnet and
        pwsh.dll when PowerShell runs as a .NET tool (`dotnet pwsh`).
    #>
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    @($process)
}

function Invoke-FreshPwsh {
    <#
    .SYNOPSIS
        Runs a script in a new pwsh process (no profile, no prompt) and returns its output lines;
        the exit code is in $LASTEXITCODE. Use it for what only a fresh session shows: importing.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{}
    )
    $pwsh = Get-PwshCommand
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try {
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    try {
        $listener.Start()
        $listener.LocalEndpoint.Port
    }
    finally {
        $listener.Stop()
    }
}

function Start-TestSimulator {
    <#
    .SYNOPSIS
        Starts the built simulator on a free loopback port and waits until it answers.
        Returns BaseUrl, Info (the demo credentials from /_sim/info) and Process.
    #>
    param([string] $Configuration = $(if ($env:CHATHISTORY_CONFIGURATION) { $env:CHATHISTORY_CONFIGURATION } else { 'Debug' }))
    $dll = Join-Path $script:RepoRoot "tests/ChatHistory.Simulator/bin/$Configuration/net10.0/ChatHistory.Simulator.dll"
    if (-not (Test-Path $dll)) { throw "The simulator is not built: run 'dotnet build' first. Looked for $dll" }
    $port = Get-FreeTcpPort
    $log = Join-Path ([System.IO.Path]::GetTempPath()) "chathistory-simulator-$port.log"
    $process = Start-Process -FilePath 'dotnet' -ArgumentList @($dll, '--port', $port) -PassThru -NoNewWindow -RedirectStandardOutput $log
    $baseUrl = "http://127.0.0.1:$port/"
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ($true) {
        try {
            $null = Invoke-RestMethod -Uri "$($baseUrl)_sim/health" -TimeoutSec 2
            break
        }
        catch {
            if ($process.HasExited) { throw "The simulator exited with code $($process.ExitCode); see $log" }
            if ([DateTime]::UtcNow -gt $deadline) { Stop-Process -Id $process.Id -Force; throw "The simulator did not start within 60 s; see $log" }
            Start-Sleep -Milliseconds 200
        }
    }
    [pscustomobject]@{
        BaseUrl = $baseUrl
        Info    = Invoke-RestMethod -Uri "$($baseUrl)_sim/info"
        Process = $process
    }
}

function Stop-TestSimulator {
    param($Simulator)
    if ($Simulator -and -not $Simulator.Process.HasExited) {
        Stop-Process -Id $Simulator.Process.Id -Force
        $Simulator.Process.WaitForExit(10000) | Out-Null
    }
}

function Connect-SimulatorProvider {
    <#
    .SYNOPSIS
        Connects to the platforms a running simulator serves, from its demo credentials, each under
        the platform's name (the module must be imported).
    #>
    param(
        [Parameter(Mandatory)] $Info,
        [ValidateSet('RocketChat', 'Bitrix24', 'SuperOffice', 'Kommo')]
        [string[]] $Platform = @('RocketChat', 'Bitrix24', 'SuperOffice', 'Kommo')
    )
    function Secure([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
    switch ($Platform) {
        'RocketChat' { Connect-ChatProvider -RocketChat -Url $Info.RocketChat.Url -UserId $Info.RocketChat.UserId -AuthToken (Secure $Info.RocketChat.AuthToken) }
        'Bitrix24' { Connect-ChatProvider -Bitrix24 -WebhookUrl (Secure $Info.Bitrix24.WebhookUrl) }
        'SuperOffice' { Connect-ChatProvider -SuperOffice -Url $Info.SuperOffice.Url -AccessToken (Secure $Info.SuperOffice.AccessToken) }
        'Kommo' { Connect-ChatProvider -Kommo -ScopeId $Info.Kommo.ScopeId -ChannelSecret (Secure $Info.Kommo.ChannelSecret) -AmojoUrl $Info.Kommo.AmojoUrl }
    }
}

function Add-SimulatorFault {
    <#
    .SYNOPSIS
        Injects a fault into the running simulator: Kind is Latency, TooManyRequests,
        ServiceUnavailable, DropConnection, MalformedJson, HtmlErrorPage or InternalServerError.
    #>
    param(
        [Parameter(Mandatory)] $Simulator,
        [Parameter(Mandatory)] [string] $Kind,
        [string] $PathPrefix = '/',
        [int] $Every = 1,
        [int] $Times = 1,
        # For Latency: how long each matching request is held.
        [int] $LatencyMs = 200
    )
    $body = @{ kind = $Kind; pathPrefix = $PathPrefix; every = $Every; times = $Times; latency = [timespan]::FromMilliseconds($LatencyMs).ToString() } | ConvertTo-Json
    $null = Invoke-RestMethod -Method Post -Uri "$($Simulator.BaseUrl)_sim/faults" -Body $body -ContentType 'application/json'
}

function Get-SimulatorRequestCount {
    <# .SYNOPSIS The number of requests the simulator has received under PathPrefix (its own /_sim requests aside). #>
    param([Parameter(Mandatory)] $Simulator, [string] $PathPrefix)
    $query = if ($PathPrefix) { "?prefix=$([uri]::EscapeDataString($PathPrefix))" } else { '' }
    (Invoke-RestMethod -Uri "$($Simulator.BaseUrl)_sim/requests$query").count
}

function Add-SimulatorRocketChatMessage {
    <# .SYNOPSIS A visitor writes one more message at the end of a simulated Rocket.Chat room. #>
    param([Parameter(Mandatory)] $Simulator, [Parameter(Mandatory)] [string] $RoomId)
    $null = Invoke-RestMethod -Method Post -Uri "$($Simulator.BaseUrl)_sim/rocketchat/rooms/$([uri]::EscapeDataString($RoomId))/messages"
}

function Clear-SimulatorFault {
    param([Parameter(Mandatory)] $Simulator)
    $null = Invoke-RestMethod -Method Delete -Uri "$($Simulator.BaseUrl)_sim/faults"
}

Export-ModuleMember -Function Get-ModuleVersion, Get-BuiltModuleDirectory, Get-PwshCommand, Invoke-FreshPwsh, Start-TestSimulator, Stop-TestSimulator, Connect-SimulatorProvider, Add-SimulatorFault, Get-SimulatorRequestCount, Add-SimulatorRocketChatMessage, Clear-SimulatorFault
