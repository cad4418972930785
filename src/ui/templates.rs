//! Starter task definitions for the editor's Templates menu. Each one teaches one placement
//! idea (dynamic ports, awsvpc on Fargate, sidecars, port conflicts, GPUs, Windows, port
//! ranges) and each is a RegisterTaskDefinition body that the reader loads without errors
//! (tests/ui_editor.rs checks that). Pure data: tested natively.

/// A template: a stable name (for menus and links), the title shown, the JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    pub name: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

/// Every template, in menu order.
pub const TEMPLATES: &[Template] = &[
    Template {
        name: "web-dynamic-port",
        title: "Web server, dynamic host port, bridge",
        text: WEB_DYNAMIC_PORT,
    },
    Template {
        name: "fargate-awsvpc",
        title: "Fargate service, awsvpc",
        text: FARGATE_AWSVPC,
    },
    Template {
        name: "app-with-sidecar",
        title: "App with a sidecar (log router, links)",
        text: APP_WITH_SIDECAR,
    },
    Template {
        name: "static-host-port",
        title: "Static host port 8080 (port conflicts)",
        text: STATIC_HOST_PORT,
    },
    Template {
        name: "gpu-worker",
        title: "GPU worker (runs on g4dn.xlarge)",
        text: GPU_WORKER,
    },
    Template {
        name: "windows-iis",
        title: "Windows IIS web server",
        text: WINDOWS_IIS,
    },
    Template {
        name: "udp-port-range",
        title: "Media server, UDP port range (bridge)",
        text: UDP_PORT_RANGE,
    },
];

/// The template called `name`, if there is one.
pub fn template(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

/// hostPort 0 in bridge mode: the agent picks a free port from the ephemeral range, so many
/// copies fit on one instance.
const WEB_DYNAMIC_PORT: &str = r#"{
  "family": "web",
  "networkMode": "bridge",
  "containerDefinitions": [
    {
      "name": "nginx",
      "image": "nginx:1.27",
      "essential": true,
      "cpu": 256,
      "memory": 512,
      "portMappings": [
        {
          "containerPort": 80,
          "hostPort": 0,
          "protocol": "tcp"
        }
      ]
    }
  ]
}"#;

/// Fargate needs awsvpc and task-level cpu/memory from its table of valid pairs.
const FARGATE_AWSVPC: &str = r#"{
  "family": "api",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "512",
  "memory": "1024",
  "containerDefinitions": [
    {
      "name": "api",
      "image": "public.ecr.aws/docker/library/node:20-alpine",
      "essential": true,
      "portMappings": [
        {
          "containerPort": 8080,
          "protocol": "tcp"
        }
      ]
    }
  ]
}"#;

/// Two containers share the task's reservation; the non-essential log router may stop
/// without stopping the task; links only work in bridge mode.
const APP_WITH_SIDECAR: &str = r#"{
  "family": "shop",
  "networkMode": "bridge",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "httpd:2.4",
      "essential": true,
      "cpu": 256,
      "memory": 512,
      "links": ["log_router"],
      "portMappings": [
        {
          "containerPort": 80,
          "hostPort": 0
        }
      ]
    },
    {
      "name": "log_router",
      "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
      "essential": false,
      "cpu": 64,
      "memoryReservation": 64,
      "firelensConfiguration": {
        "type": "fluentbit"
      }
    }
  ]
}"#;

/// A fixed hostPort: one copy per instance, the second one on the same instance fails.
const STATIC_HOST_PORT: &str = r#"{
  "family": "legacy",
  "networkMode": "bridge",
  "containerDefinitions": [
    {
      "name": "legacy",
      "image": "tomcat:10",
      "essential": true,
      "cpu": 512,
      "memory": 1024,
      "portMappings": [
        {
          "containerPort": 8080,
          "hostPort": 8080,
          "protocol": "tcp"
        }
      ]
    }
  ]
}"#;

/// One GPU: only instances with a free GPU qualify (g4dn.xlarge has one).
const GPU_WORKER: &str = r#"{
  "family": "gpu-worker",
  "networkMode": "bridge",
  "requiresCompatibilities": ["EC2"],
  "containerDefinitions": [
    {
      "name": "trainer",
      "image": "nvidia/cuda:12.4.1-base-ubuntu22.04",
      "essential": true,
      "cpu": 2048,
      "memory": 8192,
      "resourceRequirements": [
        {
          "type": "GPU",
          "value": "1"
        }
      ]
    }
  ]
}"#;

/// Windows containers on EC2: large images and a Windows instance; the default network mode
/// (NAT) is written by leaving networkMode out.
const WINDOWS_IIS: &str = r#"{
  "family": "iis",
  "requiresCompatibilities": ["EC2"],
  "runtimePlatform": {
    "operatingSystemFamily": "WINDOWS_SERVER_2022_CORE",
    "cpuArchitecture": "X86_64"
  },
  "containerDefinitions": [
    {
      "name": "iis",
      "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
      "essential": true,
      "cpu": 1024,
      "memory": 2048,
      "portMappings": [
        {
          "containerPort": 80,
          "hostPort": 8080,
          "protocol": "tcp"
        }
      ]
    }
  ]
}"#;

/// containerPortRange in bridge mode: the agent binds the 20 UDP ports to 20 contiguous
/// dynamic host ports, so each task's card shows a range (":32769-32788").
const UDP_PORT_RANGE: &str = r#"{
  "family": "media",
  "networkMode": "bridge",
  "containerDefinitions": [
    {
      "name": "rtp-relay",
      "image": "public.ecr.aws/example/rtp-relay:2",
      "cpu": 512,
      "memory": 1024,
      "essential": true,
      "portMappings": [
        {
          "containerPort": 8080,
          "protocol": "tcp"
        },
        {
          "containerPortRange": "10000-10019",
          "protocol": "udp"
        }
      ]
    }
  ]
}"#;
