#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Save-ChatAttachment as a user runs it: piped messages of each platform, the simulator's bytes,
# hostile names, -WhatIf, -PassThru, -MaximumSize, and no secret in what it writes.
# Rocket.Chat answers /file-upload/ with 403 without X-User-Id/X-Auth-Token
# (Rocket.Chat apps/meteor/app/file-upload/server/lib/requests.ts).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    $script:Info = $script:Simulator.Info
    Connect-SimulatorProvider $script:Info
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "chathistory-attachments-$PID"
    New-Item -ItemType Directory -Force -Path $script:Dir | Out-Null

    function Get-ExpectedFile([string] $Url) {
        Invoke-RestMethod -Uri "$($script:Simulator.BaseUrl)_sim/files/sha256?url=$([uri]::EscapeDataString($Url))"
    }

    # Adds a Rocket.Chat message with files of these names; returns that message as Get-ChatMessage reads it.
    function Add-RocketChatFiles([string[]] $Name, [long] $Size = 2048, [switch] $Foreign) {
        $files = @($Name | ForEach-Object { @{ name = $_; size = $Size } })
        $body = @{ files = $files; foreign = [bool]$Foreign } | ConvertTo-Json -Depth 4
        $added = Invoke-RestMethod -Method Post -Uri "$($script:Simulator.BaseUrl)_sim/files/rocketchat" -Body $body -ContentType 'application/json'
        Get-ChatMessage -SessionId $added.roomId -Connection RocketChat | Where-Object MessageId -eq $added.messageId
    }

    function New-TestFolder([string] $Name) { Join-Path $script:Dir $Name }
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Item $script:Dir -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'Save-ChatAttachment with the files of each platform' {
    It 'saves the files of Rocket.Chat messages byte for byte, as FileInfo objects in -Path' {
        $folder = New-TestFolder 'rocketchat'
        $files = @(Get-ChatSession -Connection RocketChat -First 5 | Get-ChatMessage | Save-ChatAttachment -Path $folder)

        $files.Count | Should -BeGreaterThan 0
        $files | ForEach-Object { $_ | Should -BeOfType System.IO.FileInfo }
        $files.DirectoryName | Sort-Object -Unique | Should -Be (Resolve-Path $folder).Path
        $saved = @(Get-ChatSession -Connection RocketChat -First 5 | Get-ChatMessage | ForEach-Object Attachments)
        $files.Count | Should -Be $saved.Count
    }

    It 'saves the files of <_> messages with the hash the simulator serves' -ForEach @('RocketChat', 'Bitrix24', 'Kommo') {
        $sessions = if ($_ -eq 'Kommo') { $script:Info.Kommo.ConversationIds -split ',' | Select-Object -First 1 } else { Get-ChatSession -Connection $_ -First 6 }
        $folder = New-TestFolder "hash-$_"
        # Downloads keep to the platform's rate limit (Kommo: 7 requests/s), and Kommo's videos and
        # songs are megabytes: a few messages and -MaximumSize keep the run short.
        $messages = @($sessions | Get-ChatMessage -Connection $_ | Where-Object AttachmentCount -gt 0 | Select-Object -First 6)
        $saved = @($messages | Save-ChatAttachment -Path $folder -PassThru -MaximumSize 1MB -WarningAction SilentlyContinue)

        $saved.Count | Should -BeGreaterThan 0
        foreach ($attachment in $saved) {
            $expected = Get-ExpectedFile $attachment.Url
            (Get-FileHash -Algorithm SHA256 -LiteralPath $attachment.LocalPath).Hash | Should -Be $expected.sha256
            (Get-Item -LiteralPath $attachment.LocalPath).Length | Should -Be $expected.size
        }
    }

    It 'streams a file larger than 64 KB whole' {
        $message = Add-RocketChatFiles -Name 'large.bin' -Size 300000
        $file = $message | Save-ChatAttachment -Path (New-TestFolder 'large')

        $file.Length | Should -Be 300000
        (Get-FileHash -Algorithm SHA256 -LiteralPath $file.FullName).Hash | Should -Be (Get-ExpectedFile $message.Attachments[0].Url).sha256
    }

    It 'skips the links and options of SuperOffice messages without an error' {
        $messages = @(Get-ChatSession -Connection SuperOffice -First 10 | Get-ChatMessage | Where-Object AttachmentCount -gt 0)
        $messages.Count | Should -BeGreaterThan 0

        $out = @($messages | Save-ChatAttachment -Path (New-TestFolder 'superoffice') -ErrorVariable failed)

        $out.Count | Should -Be 0
        $failed.Count | Should -Be 0
    }
}

Describe 'Save-ChatAttachment with hostile file names' {
    BeforeAll {
        $script:LongName = ('n' * 296) + '.txt'
        $script:Hostile = Add-RocketChatFiles -Name '../../x', '..\..\x', 'CON', 'CON.txt', 'nul.tar.gz', $script:LongName, 'a/b\c.txt', 'dup.txt', 'dup.txt'
        $script:HostileFolder = New-TestFolder 'hostile'
        $script:HostileSaved = @($script:Hostile | Save-ChatAttachment -Path $script:HostileFolder -PassThru)
    }

    It 'keeps every file directly inside -Path' {
        $script:HostileSaved.Count | Should -Be 9
        $inside = (Resolve-Path $script:HostileFolder).Path
        $script:HostileSaved | ForEach-Object { Split-Path -Parent $_.LocalPath | Should -Be $inside }
        @(Get-ChildItem -LiteralPath $inside -Force).Count | Should -Be 9
        Join-Path $script:Dir 'x' | Should -Not -Exist
        Join-Path ([IO.Path]::GetTempPath()) 'x' | Should -Not -Exist
    }

    It 'makes each name safe and unique' {
        $names = $script:HostileSaved | ForEach-Object { Split-Path -Leaf $_.LocalPath }
        $names | Should -Be @('x', 'x (2)', '_CON', '_CON.txt', '_nul.tar.gz', (('n' * 146) + '.txt'), 'c.txt', 'dup.txt', 'dup (2).txt')
    }

    It 'saves the bytes the simulator serves under each name' {
        foreach ($attachment in $script:HostileSaved) {
            (Get-FileHash -Algorithm SHA256 -LiteralPath $attachment.LocalPath).Hash | Should -Be (Get-ExpectedFile $attachment.Url).sha256
        }
    }
}

Describe 'Save-ChatAttachment switches' {
    It '-WhatIf saves nothing, creates no folder and sends no request' {
        $message = Add-RocketChatFiles -Name 'whatif.txt'
        $folder = New-TestFolder 'whatif'
        $before = Get-SimulatorRequestCount $script:Simulator -PathPrefix '/rocketchat/file-upload/'

        $out = @($message | Save-ChatAttachment -Path $folder -WhatIf)

        $out.Count | Should -Be 0
        $folder | Should -Not -Exist
        Get-SimulatorRequestCount $script:Simulator -PathPrefix '/rocketchat/file-upload/' | Should -Be $before
    }

    It '-PassThru writes the attachment with its LocalPath, connection and message' {
        $message = Add-RocketChatFiles -Name 'passthru.txt'

        $out = $message | Save-ChatAttachment -Path (New-TestFolder 'passthru') -PassThru

        $out.PSObject.TypeNames[0] | Should -Be 'ChatHistory.Model.ChatAttachment'
        $out.LocalPath | Should -Exist
        $out.Connection | Should -Be 'RocketChat'
        $out.MessageId | Should -Be $message.MessageId
        $out.SessionId | Should -Be $message.SessionId
    }

    It 'takes single attachments from the pipeline' {
        $message = Add-RocketChatFiles -Name 'one.txt', 'two.txt'

        $files = @($message.Attachments | Where-Object Name -eq 'two.txt' | Save-ChatAttachment -Path (New-TestFolder 'single'))

        $files.Name | Should -Be @('two.txt')
    }

    It '-MaximumSize skips larger files with a warning and keeps nothing of them' {
        $message = Add-RocketChatFiles -Name 'big.bin', 'small.bin' -Size 5000
        $folder = New-TestFolder 'maximum'

        $files = @($message | Save-ChatAttachment -Path $folder -MaximumSize 4000 -WarningVariable warned -WarningAction SilentlyContinue)

        $files.Count | Should -Be 0
        $warned.Count | Should -Be 2
        "$($warned[0])" | Should -BeLike "*big.bin*-MaximumSize 4000*"
        @(Get-ChildItem -LiteralPath $folder -Force -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'refuses a -Path that is a file, or not on a file-system drive, before any request' {
        $file = Join-Path $script:Dir 'a-file.txt'
        Set-Content -LiteralPath $file -Value 'x'
        $message = Add-RocketChatFiles -Name 'never.txt'
        $before = Get-SimulatorRequestCount $script:Simulator -PathPrefix '/rocketchat/file-upload/'

        { $message | Save-ChatAttachment -Path $file -ErrorAction Stop } | Should -Throw -ErrorId 'ChatHistory.InvalidArgument,ChatHistory.PowerShell.Cmdlets.SaveChatAttachmentCommand'
        { $message | Save-ChatAttachment -Path Env:\files -ErrorAction Stop } | Should -Throw -ErrorId 'ChatHistory.InvalidArgument,ChatHistory.PowerShell.Cmdlets.SaveChatAttachmentCommand'
        Get-SimulatorRequestCount $script:Simulator -PathPrefix '/rocketchat/file-upload/' | Should -Be $before
    }
}

Describe 'Save-ChatAttachment credentials and errors' {
    It 'sends no platform credential to a file on another host' {
        $message = Add-RocketChatFiles -Name 'elsewhere.bin' -Foreign
        $message.Attachments[0].Url | Should -Not -BeLike "$($script:Simulator.BaseUrl)*"

        $file = $message | Save-ChatAttachment -Path (New-TestFolder 'foreign')

        (Get-FileHash -Algorithm SHA256 -LiteralPath $file.FullName).Hash | Should -Be (Get-ExpectedFile $message.Attachments[0].Url).sha256
        $requests = @(Invoke-RestMethod -Uri "$($script:Simulator.BaseUrl)_sim/requests/log?prefix=/cdn/")
        $requests.Count | Should -Be 1
        $requests[0].headers | Should -Not -Contain 'X-Auth-Token'
        $requests[0].headers | Should -Not -Contain 'X-User-Id'
    }

    It 'a failing file is a non-terminating error naming the attachment, and the others are saved' {
        $message = Add-RocketChatFiles -Name 'first.txt', 'second.txt'
        Add-SimulatorFault $script:Simulator -Kind InternalServerError -PathPrefix '/rocketchat/file-upload/' -Times 1
        try {
            $files = @($message | Save-ChatAttachment -Path (New-TestFolder 'failing') -ErrorVariable failed -ErrorAction SilentlyContinue)
        }
        finally {
            Clear-SimulatorFault $script:Simulator
        }

        $files.Name | Should -Be @('second.txt')
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ChatHistory.ServerError*'
        $failed[0].TargetObject.Name | Should -Be 'first.txt'
    }

    It 'never shows the token or the OAuth access token in verbose output or errors' {
        $b24 = Connect-ChatProvider -Bitrix24 -Url $script:Info.Bitrix24.Url -AccessToken (ConvertTo-SecureString $script:Info.Bitrix24.AccessToken -AsPlainText -Force) -Name b24oauth -PassThru
        $message = Add-RocketChatFiles -Name 'secret.txt'
        Add-SimulatorFault $script:Simulator -Kind InternalServerError -PathPrefix '/rocketchat/file-upload/' -Times 1
        try {
            $rocket = $message | Save-ChatAttachment -Path (New-TestFolder 'secret') -Verbose -ErrorVariable failed -ErrorAction SilentlyContinue 4>&1 | Out-String
        }
        finally {
            Clear-SimulatorFault $script:Simulator
        }
        $bitrix = Get-ChatSession -Connection $b24 -First 6 | Get-ChatMessage -Connection $b24 | Save-ChatAttachment -Path (New-TestFolder 'secret-b24') -Verbose 4>&1 | Out-String

        $bitrix | Should -BeLike '*GET *ajax.php -> 200*'
        $text = $rocket + $bitrix + ($failed | Out-String) + ($failed | ForEach-Object { $_.ErrorDetails.Message; $_.Exception.Message })
        $text | Should -Not -BeLike "*$($script:Info.RocketChat.AuthToken)*"
        $text | Should -Not -BeLike "*$($script:Info.Bitrix24.AccessToken)*"
    }
}
