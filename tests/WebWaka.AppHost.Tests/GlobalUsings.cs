global using WebWaka.AppHost.Hosting;
global using WebWaka.AppHost.Orchestration;
global using WebWaka.Testing;
