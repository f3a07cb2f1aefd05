import { render } from "preact";
import { App } from "./app.tsx";
import type { DashboardData } from "./types.ts";

const root = document.getElementById("app")!;
fetch("data/dashboard.json")
  .then((r) => (r.ok ? (r.json() as Promise<DashboardData>) : Promise.reject(new Error(`HTTP ${r.status}`))))
  .then(
    (data) => {
      root.textContent = "";
      render(<App data={data} />, root);
    },
    (error: Error) => {
      root.textContent = `The data could not be loaded (${error.message}). 无法加载数据。`;
    },
  );
