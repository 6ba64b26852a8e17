import "@fontsource/noto-sans-jp/400.css";
import "@fontsource/noto-sans-jp/700.css";
import "./style.css";
import "./sheet.css";
import { App } from "./app";

const root = document.getElementById("app");
if (root) new App(root, window.localStorage).start();
