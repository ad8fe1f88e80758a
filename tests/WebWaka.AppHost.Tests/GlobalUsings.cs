global using Aspire.Hosting;
global using Aspire.Hosting.ApplicationModel;
global using Aspire.Hosting.Testing;
global using WebWaka.AppHost.Resources;
global using WebWaka.Testing;
