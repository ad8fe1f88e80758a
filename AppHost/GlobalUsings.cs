global using WebWaka.AppHost.Hosting;
