import { mutation } from "@/lib/api/mutation";
import { changePassword, changePasswordInput } from "@/lib/auth/change-password";

export const dynamic = "force-dynamic";

export const POST = mutation("POST /api/v1/me/password", { action: "user.change-password", input: changePasswordInput, run: changePassword });
