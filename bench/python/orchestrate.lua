wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"prompt": "Snacks and badges for a 100-person hackathon", "budget": 800, "deadline_days": 7, "strategy": "balanced"}'
