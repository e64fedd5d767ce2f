import { mutation } from "@/lib/api/mutation";
import { logout } from "@/lib/auth/logout";
import { noInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

export const POST = mutation("POST /api/auth/logout", { action: "logout", input: noInput, run: logout });
