export * from "./round";
export * from "./grades";
export * from "./course";
export * from "./overall";
export * from "./attendance";
export * from "./trend";
export * from "./evaluate";
